import { useQueryClient } from '@tanstack/react-query';
import { api, type Permission } from '@tuanjian/domain';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, call, onAuthProblem, setCsrfToken } from '../api/client';

export type SessionAccount = api.SessionAccount;
type SessionResponse = api.ResponseOf<typeof api.auth.me>;

type SessionState =
  | { status: 'loading'; account: null }
  | { status: 'anonymous'; account: null; reason?: string }
  | { status: 'authenticated'; account: SessionAccount };

interface SessionContextValue {
  state: SessionState;
  /** Takes over the answer of login / password change. */
  signedIn(response: SessionResponse): void;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Who is logged in: loaded from /api/auth/me on start, kept in step with 401 and must_change_password answers. */
export function SessionProvider({ children, onAccount }: { children: ReactNode; /** Told the account as soon as it is known (before rendering). */ onAccount?: (account: SessionAccount) => void }) {
  const [state, setState] = useState<SessionState>({ status: 'loading', account: null });
  const queryClient = useQueryClient();
  const told = useRef(onAccount);
  told.current = onAccount;

  const signedIn = useCallback((response: SessionResponse) => {
    setCsrfToken(response.csrfToken);
    setState({ status: 'authenticated', account: response.account });
    told.current?.(response.account);
  }, []);

  const ended = useCallback(
    (reason?: string) => {
      setCsrfToken(null);
      queryClient.clear();
      setState({ status: 'anonymous', account: null, reason });
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    try {
      signedIn(await call(api.auth.me));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) ended();
      else setState((s) => (s.status === 'loading' ? { status: 'anonymous', account: null, reason: (err as Error).message } : s));
    }
  }, [signedIn, ended]);

  const signOut = useCallback(async () => {
    try {
      await call(api.auth.logout);
    } finally {
      ended();
    }
  }, [ended]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    onAuthProblem((err) => {
      if (err.status === 401) ended('登录已过期，请重新登录');
      else void refresh(); // must_change_password: /me reports it and the guard sends the user to the form
    });
    return () => onAuthProblem(null);
  }, [ended, refresh]);

  const value = useMemo(() => ({ state, signedIn, signOut, refresh }), [state, signedIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The logged-in account; only inside pages behind the login guard. */
export function useAccount(): SessionAccount {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useAccount without a session');
  return state.account;
}

export function useCan(permission: Permission): boolean {
  const { state } = useSession();
  return state.status === 'authenticated' && state.account.permissions.includes(permission);
}
