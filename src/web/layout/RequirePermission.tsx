import type { ReactNode } from 'react';
import { useSession } from '../app/session.tsx';
import { ErrorPage } from './ErrorPage.tsx';

/**
 * A page that changes data, opened by its address: only for a user who holds the permission its
 * server calls need; anyone else gets the 403 page instead of a form they could not save.
 */
export function RequirePermission({
  permission,
  children,
}: {
  permission: string;
  children: ReactNode;
}) {
  const { can } = useSession();
  return can(permission) ? <>{children}</> : <ErrorPage status={403} />;
}
