import type { Page } from '@playwright/test';

/** An element that reaches past its container's content box, or whose content spills out of it. */
export type Overflow = { selector: string; pixels: number };

/**
 * Every element inside `main` that sets its container's width: its box reaches past the left
 * or right edge of its parent's content box, or its own content (a long word, a wide control)
 * spills out of it sideways. Each is named by a short CSS path so a failure says where to look.
 * Hidden and absolutely placed elements (the visually-hidden labels) are left out, and so are
 * the insides of SVG pictures and the text scrolling inside a form control, which are no layout.
 *
 * @example
 *   expect(await findOverflowingElements(page)).toEqual([]);
 */
export async function findOverflowingElements(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    // Subpixel layout rounds differently per box: half a pixel is no overflow.
    const SLACK = 0.5;
    const name = (element: Element): string => {
      const testid = element.getAttribute('data-testid');
      const id = element.id ? `#${element.id}` : '';
      const classes = [...element.classList].map((value) => `.${value}`).join('');
      return `${element.tagName.toLowerCase()}${id}${classes}${testid ? `[data-testid="${testid}"]` : ''}`;
    };
    const path = (element: Element): string => {
      const parts: string[] = [];
      for (let at: Element | null = element; at && at.tagName !== 'MAIN'; at = at.parentElement) {
        parts.unshift(name(at));
      }
      return `main > ${parts.slice(-4).join(' > ')}`;
    };
    const isLaidOut = (element: Element): boolean => {
      for (let at: Element | null = element; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (style.display === 'none' || style.position === 'absolute') return false;
      }
      return true;
    };
    const found: { selector: string; pixels: number }[] = [];
    for (const element of document.querySelectorAll('main *')) {
      if (!(element instanceof HTMLElement || element instanceof SVGSVGElement)) continue;
      if (!isLaidOut(element)) continue;
      const style = getComputedStyle(element);
      // A run of inline text is measured by the block it sits in: a wrapped run's box also
      // counts the space that hangs past the line's end, which takes no room.
      const isInlineText =
        style.display === 'inline' &&
        !element.matches('svg, img, input, select, textarea, video, canvas, iframe');
      if (style.display === 'contents' || isInlineText) continue;
      const parent = element.parentElement;
      if (parent && style.position !== 'fixed') {
        const box = element.getBoundingClientRect();
        const outer = parent.getBoundingClientRect();
        const parentStyle = getComputedStyle(parent);
        const left =
          outer.left +
          parseFloat(parentStyle.borderLeftWidth) +
          parseFloat(parentStyle.paddingLeft);
        const right =
          outer.right -
          parseFloat(parentStyle.borderRightWidth) -
          parseFloat(parentStyle.paddingRight);
        const pixels = Math.max(box.right - right, left - box.left);
        if (box.width > 0 && pixels > SLACK) found.push({ selector: path(element), pixels });
      }
      const isControl = element.matches('input, select, textarea');
      if (element instanceof HTMLElement && !isControl) {
        const pixels = element.scrollWidth - element.clientWidth;
        // scrollWidth is whole pixels: one pixel is rounding, not a spill.
        if (element.clientWidth > 0 && pixels > 1) {
          found.push({ selector: `${path(element)} (content)`, pixels });
        }
      }
    }
    return found;
  });
}
