import type { BrowserContext, WebSocketRoute } from '@playwright/test';

/** Takes one browser context off the network and back, WebSockets included. */
export interface NetworkSwitch {
  /** The context goes offline and every open relay connection drops, as when Wi-Fi goes. */
  goOffline(): Promise<void>;
  /** The context is online again; the app reconnects on its own. */
  goOnline(): Promise<void>;
}

/** Close codes a page (and so the route's server side) may send; others are reserved. */
/** A socket can be gone before the test closes it (a reload, a closed context): nothing to do. */
const ignoreGone = () => undefined;

const isSendableCloseCode = (code: number | undefined): code is number =>
  code === 1000 || (code !== undefined && code >= 3000 && code <= 4999);

/**
 * `context.setOffline(true)` fails new requests but leaves open WebSockets running in Chromium
 * (microsoft/playwright#4910): the page would keep sending to the relay while it reads
 * "Offline". So every relay WebSocket (`/sync/…`) is routed through the test: online, the route
 * connects to the real relay and passes every frame through unchanged (the page still opens a
 * real socket, so `page.on('websocket')` sees every frame); `goOffline` drops those connections
 * and refuses new ones until `goOnline`, as a real loss of network would.
 *
 * @example
 *   const network = await installNetworkSwitch(context);
 *   await network.goOffline();
 *   await network.goOnline();
 */
export async function installNetworkSwitch(context: BrowserContext): Promise<NetworkSwitch> {
  let offline = false;
  const live = new Map<WebSocketRoute, WebSocketRoute>();

  await context.routeWebSocket(/\/sync\//, (page) => {
    if (offline) {
      // The connection attempt fails the way one does with no network: closed unopened.
      page.close({ code: 1006, reason: 'offline' }).catch(ignoreGone);
      return;
    }
    const relay = page.connectToServer();
    live.set(page, relay);
    // Closing either side closes the other (what Playwright does by default), and the
    // connection is forgotten; 1005/1006 are not sent on, as no endpoint may send them.
    page.onClose((code, reason) => {
      live.delete(page);
      relay.close(isSendableCloseCode(code) ? { code, reason } : {}).catch(ignoreGone);
    });
    relay.onClose((code, reason) => {
      live.delete(page);
      page.close({ code: code ?? 1006, reason }).catch(ignoreGone);
    });
  });

  return {
    async goOffline() {
      offline = true;
      await context.setOffline(true);
      const dropped = [...live];
      live.clear();
      await Promise.all(
        dropped.map(async ([page, relay]) => {
          await relay.close({ code: 1000, reason: 'network lost' }).catch(ignoreGone);
          await page.close({ code: 1006, reason: 'network lost' }).catch(ignoreGone);
        }),
      );
    },
    async goOnline() {
      offline = false;
      await context.setOffline(false);
    },
  };
}
