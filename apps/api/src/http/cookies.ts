/**
 * Set-Cookie values, written as Express's `res.cookie` and `res.clearCookie` wrote them
 * (`name=value; Path=/; Expires=…; HttpOnly; Secure; SameSite=Strict`).
 */
export interface CookieOptions {
  path: string;
  expires?: Date;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'strict' | 'lax';
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  let cookie = `${name}=${encodeURIComponent(value)}; Path=${options.path}`;
  if (options.expires) cookie += `; Expires=${options.expires.toUTCString()}`;
  if (options.httpOnly) cookie += '; HttpOnly';
  if (options.secure) cookie += '; Secure';
  if (options.sameSite) cookie += `; SameSite=${options.sameSite === 'strict' ? 'Strict' : 'Lax'}`;
  return cookie;
}

/** A cookie that expires at once (the epoch), so the browser drops it. */
export function clearedCookie(name: string, path = '/'): string {
  return serializeCookie(name, '', { path, expires: new Date(1) });
}
