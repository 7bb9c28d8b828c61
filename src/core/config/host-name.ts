// A sign-in host as settings and the machine policy name it: login.microsoftonline.com, or a
// national cloud's, with an optional port.
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/i;

export function isHostName(value: string): boolean {
  return HOST.test(value);
}
