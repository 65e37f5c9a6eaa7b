/**
 * The administration pages' guard: without the permission the page is the 403 page, never a form that
 * fails on its first request.
 */
import type { ReactNode } from 'react';
import { useSession } from '../../app/session.tsx';
import { ErrorPage } from '../../layout/ErrorPage.tsx';

export function AdminGuard({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useSession();
  return can(permission) ? <>{children}</> : <ErrorPage status={403} />;
}
