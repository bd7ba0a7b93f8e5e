/**
 * A name for this device people recognise in a device list, from the browser's user agent:
 * "Chrome on Android", "Firefox on Windows". Only a default: the person can rename it.
 *
 * @example
 *   defaultDeviceName(navigator.userAgent); // 'Chromium on Linux'
 */
export function defaultDeviceName(userAgent: string): string {
  const browser =
    [
      ['Edg/', 'Edge'],
      ['Firefox/', 'Firefox'],
      ['Chromium/', 'Chromium'],
      ['Chrome/', 'Chrome'],
      ['Safari/', 'Safari'],
    ].find(([token]) => userAgent.includes(token!))?.[1] ?? 'Browser';
  const system =
    [
      ['Android', 'Android'],
      ['iPhone', 'iPhone'],
      ['iPad', 'iPad'],
      ['Windows', 'Windows'],
      ['Mac OS', 'Mac'],
      ['CrOS', 'ChromeOS'],
      ['Linux', 'Linux'],
    ].find(([token]) => userAgent.includes(token!))?.[1] ?? 'this device';
  return `${browser} on ${system}`;
}
