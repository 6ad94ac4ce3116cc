import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ZMe, type TMe } from '@crossgate/contract';
import { api, ApiError } from './api/client.ts';

interface Auth {
  me: TMe | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

/** The signed-in actor (`GET /api/v1/auth/me`), null when signed out; login and logout refresh it. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api('/api/v1/auth/me', { schema: ZMe });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
  const value: Auth = {
    me: me.data ?? null,
    loading: me.isLoading,
    async login(username, password) {
      await api('/api/v1/auth/login', { method: 'POST', body: { username, password } });
      await client.invalidateQueries({ queryKey: ['me'] });
      await client.refetchQueries({ queryKey: ['me'] });
    },
    async logout() {
      await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
      client.clear();
      await client.refetchQueries({ queryKey: ['me'] });
    },
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
