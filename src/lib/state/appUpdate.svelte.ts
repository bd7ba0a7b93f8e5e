import { Workbox } from 'workbox-window';

/**
 * The service worker's lifecycle as the UI sees it: whether the app can run offline yet, and
 * whether a new version is waiting. A waiting version takes over only when the person agrees,
 * so an update never reloads the page under someone's unsaved typing.
 *
 * @example
 *   const update = new AppUpdate();
 *   await update.register('/sw.js');
 *   if (update.isWaiting) update.reload();
 */
export class AppUpdate {
  /** A new version is installed and waits for consent to take over. */
  isWaiting = $state(false);
  /** The current version is cached: the app starts without a network. */
  isOfflineReady = $state(false);
  #workbox: Workbox | undefined;

  async register(scriptUrl: string): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    const workbox = new Workbox(scriptUrl, { scope: '/' });
    workbox.addEventListener('waiting', () => (this.isWaiting = true));
    workbox.addEventListener('activated', (event) => {
      if (!event.isUpdate) this.isOfflineReady = true;
    });
    workbox.addEventListener('controlling', (event) => {
      // Only a version the person agreed to may replace the running page.
      if (event.isUpdate) window.location.reload();
    });
    this.#workbox = workbox;
    const registration = await workbox.register();
    if (registration?.active && navigator.serviceWorker.controller) this.isOfflineReady = true;
  }

  /** Let the waiting version take over; the page reloads once it controls it. */
  reload(): void {
    this.#workbox?.messageSkipWaiting();
  }

  dismiss(): void {
    this.isWaiting = false;
  }
}
