import { useEffect, useRef, useState } from 'react';

/**
 * Whether an element has come near the viewport (within `margin`), once: true from then on. Before printing
 * everything counts as seen (a printed page shows what was never scrolled to). Without IntersectionObserver
 * (an old browser, a test's DOM) everything is seen at once.
 */
export function useNearViewport<T extends Element>(margin = '300px'): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (seen || !ref.current) return;
    const show = () => setSeen(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), { rootMargin: margin });
    observer.observe(ref.current);
    window.addEventListener('beforeprint', show);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', show);
    };
  }, [seen, margin]);
  return [ref, seen];
}
