// The last line of defence for "no token crosses the bridge": every result and event is checked
// for anything shaped like a JWT (an access or ID token) before it leaves the host, and free text
// the host writes (the activity log) has such strings removed. Nothing the host builds should
// ever hold one; this catches the day something does (an error message quoting a header, say).

/** base64url header starting `{"` · payload · signature: the shape of every Entra token. */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

export function containsJwt(text: string): boolean {
  JWT.lastIndex = 0;
  const found = JWT.test(text);
  JWT.lastIndex = 0;
  return found;
}

export function withoutJwts(text: string): string {
  return text.replace(JWT, '[token removed]');
}
