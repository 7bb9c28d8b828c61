// Which navigations each web contents may make. Every web contents the app creates gets the
// same listeners (hardening.ts) and asks here; a web contents nobody registered a policy for,
// the main window included, may navigate nowhere (Electron security checklist, item 13).

export type NavigationPolicy = (url: string) => boolean;

export class NavigationPolicies {
  private readonly byContents = new Map<number, NavigationPolicy>();

  /** Lets one web contents (by id) navigate where `policy` says, until it is destroyed. */
  set(contentsId: number, policy: NavigationPolicy): void {
    this.byContents.set(contentsId, policy);
  }

  forget(contentsId: number): void {
    this.byContents.delete(contentsId);
  }

  allows(contentsId: number, url: string): boolean {
    const policy = this.byContents.get(contentsId);
    return policy ? policy(url) : false;
  }
}
