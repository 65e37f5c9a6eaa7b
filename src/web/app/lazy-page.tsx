/**
 * Route-level code splitting: a feature page comes from its own chunk, fetched the first time the page
 * is shown, with a spinner meanwhile. The initial script keeps only the shell, the login page and the
 * home. A chunk that is gone (the server was updated while the tab stayed open) reloads the page once,
 * which fetches the new index.html and its chunks.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { Spin } from 'antd';

const RELOADED = 'minewatch.chunk-reload';

async function loadOrReload<M>(load: () => Promise<M>): Promise<M> {
  try {
    const module = await load();
    sessionStorage.removeItem(RELOADED);
    return module;
  } catch (e) {
    if (!sessionStorage.getItem(RELOADED)) {
      sessionStorage.setItem(RELOADED, '1');
      window.location.reload();
      return new Promise<M>(() => undefined); // the page is going away
    }
    throw e;
  }
}

/** The page component `name` of the module `load` imports, e.g. `lazyPage(() => import('./X.tsx'), 'X')`. */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): ComponentType {
  const Page = lazy<ComponentType>(async () => ({ default: (await loadOrReload(load))[name] }));
  return function LazyPage() {
    return (
      <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
        <Page />
      </Suspense>
    );
  };
}
