/*
 * Service worker of 团建: caches the app shell only — the page (index.html), the hashed
 * scripts and styles under /assets/, the icons and the manifest — so the app opens from the
 * home screen and shows its login when the network is gone. It NEVER caches /api: every API
 * request goes to the network and fails when offline (no member's data is kept on the device).
 */
const CACHE = 'tj-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(async (cache) => {
        await cache.addAll(SHELL);
        // The page's own scripts and styles (hashed names, read from the page just cached).
        const page = await cache.match('/');
        const html = page ? await page.text() : '';
        const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        await cache.addAll(assets);
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page sends the scripts it loaded before the worker took over (lazy chunks such as the
// login page's): only same-origin /assets/ files are kept.
self.addEventListener('message', (event) => {
  const urls = event.data && event.data.type === 'cache-assets' && Array.isArray(event.data.urls) ? event.data.urls : [];
  const assets = urls
    .map((u) => new URL(u, self.location.origin))
    .filter((u) => u.origin === self.location.origin && u.pathname.startsWith('/assets/'))
    .map((u) => u.pathname);
  if (assets.length) event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(assets)));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  // Other origins and the API: not handled here, straight to the network (never cached).
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/api') return;

  // Page navigations (any client route): the network first, the cached shell when offline.
  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            void caches.open(CACHE).then((cache) => cache.put('/', copy));
          }
          return res;
        })
        .catch(() => caches.match('/').then((hit) => hit || Response.error())),
    );
    return;
  }

  // Hashed assets and icons never change under their name: cache first, then keep what was fetched.
  if (url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/') || url.pathname === '/manifest.webmanifest') {
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              void caches.open(CACHE).then((cache) => cache.put(req, copy));
            }
            return res;
          }),
      ),
    );
  }
});
