/**
 * Registers the service worker (public/sw.js: the app shell only, never /api) in production
 * builds, after the page has loaded so it does not compete with the first screen. Once it is
 * active, it is told which hashed scripts and styles this page loaded (the login page is a lazy
 * chunk fetched before the worker existed), so that the shell opens offline.
 */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        const urls = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((u) => u.startsWith(`${location.origin}/assets/`));
        reg.active?.postMessage({ type: 'cache-assets', urls });
      })
      .catch(() => {
        /* no worker (e.g. a plain-HTTP address other than localhost): the app works without it */
      });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
