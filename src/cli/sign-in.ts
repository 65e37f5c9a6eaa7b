/**
 * @module The CLI's HTTP client of a running minewatch: signs in and calls the API with the session
 * cookie (`minewatch simulate`).
 */
/** A small HTTP client with the signed-in user's session cookie. */
export async function signIn(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) {
    throw new Error(`登录失败 ${res.status}: ${await res.text()}`);
  }
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!r.ok) {
      throw new Error(`${method} ${path} → ${r.status}: ${await r.text()}`);
    }
    return (await r.json()) as T;
  };
}
