import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      // workbox-window on the page registers the worker and asks before reloading.
      injectRegister: false,
      registerType: 'prompt',
      strategies: 'generateSW',
      kit: { adapterFallback: 'index.html', spa: true },
      pwaAssets: { image: 'static/icon.svg', preset: 'minimal-2023', overrideManifestIcons: true },
      manifest: {
        name: 'Trellis — mentoring workspace',
        short_name: 'Trellis',
        description: 'A confidential, offline-first workspace for a mentor and a mentee.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f7f5ef',
        theme_color: '#2f5d50',
      },
      workbox: {
        // The page is controlled on its first visit, so "works offline after one visit" holds.
        clientsClaim: true,
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,wasm,woff2}'],
        // With modifyURLPrefix set, @vite-pwa/sveltekit keeps these globPatterns as they are
        // instead of adding `prerendered/**`: this SPA prerenders nothing (its shell is the
        // adapter's fallback, which `kit.spa` precaches), so that glob only made workbox warn.
        modifyURLPrefix: {},
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/sync\//, /^\/healthz/, /^\/metrics/],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
});
