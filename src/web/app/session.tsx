/**
 * The signed-in user: who, which role and permissions, which jurisdiction, which language.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accessApi } from '../../shared/access.api.ts';
import type { MeResponse } from '../../shared/access.schemas.ts';
import { ApiError, call } from './api.ts';
import type { Locale } from './i18n.tsx';

export type Me = MeResponse;

interface Session {
  me: Me | null;
  loading: boolean;
  can: (permission: string) => boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  setLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const meQuery = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await call(accessApi.me);
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
  });
  const loginMutation = useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      call(accessApi.login, { body: input }),
    onSuccess: (me) => {
      qc.clear();
      qc.setQueryData(['me'], me);
    },
  });
  const me = meQuery.data ?? null;
  const session: Session = {
    me,
    loading: meQuery.isLoading,
    can: (p) => Boolean(me?.permissions.includes(p)),
    login: (username, password) => loginMutation.mutateAsync({ username, password }),
    logout: async () => {
      await call(accessApi.logout);
      qc.clear();
      qc.setQueryData(['me'], null);
    },
    setLocale: async (locale) => {
      if (!me) {
        return;
      }
      const updated = await call(accessApi.setPreferences, { body: { locale } });
      qc.setQueryData(['me'], updated);
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) {
    throw new Error('useSession outside SessionProvider');
  }
  return ctx;
}
