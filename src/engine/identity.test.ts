import { describe, expect, it } from 'vitest';
import {
  accessOf,
  addIdentity,
  createToken,
  dataPlaneAllowed,
  deleteToken,
  hasPermission,
  PERMISSIONS,
  repositoryOfPath,
  ROLE_PERMISSIONS,
  ROLES,
  tokenAllows,
} from './identity';
import { unwrap } from './result';
import { geoWorld } from './testkit';

describe('roles and permissions (SPEC 6.2, B-AUTH-1)', () => {
  it('admin starts as Owner, and Owner/Contributor hold every management and data permission', () => {
    const { sim } = geoWorld(['eastus']);
    const admin = accessOf(sim).identities.get('admin')!;
    expect(admin.role).toBe('Owner');
    for (const p of Object.values(PERMISSIONS)) {
      expect(hasPermission(admin, p)).toBe(true);
      expect(ROLE_PERMISSIONS.Contributor).toContain(p);
    }
  });

  it('Reader reads the control plane only; Acr* roles are data-plane only', () => {
    const { sim } = geoWorld(['eastus']);
    const ids = Object.fromEntries(ROLES.map((r) => [r, unwrap(addIdentity(sim, `u-${r}`, r))]));
    expect(hasPermission(ids.Reader!, PERMISSIONS.replicationsRead)).toBe(true);
    expect(hasPermission(ids.Reader!, PERMISSIONS.replicationsWrite)).toBe(false);
    expect(hasPermission(ids.Reader!, PERMISSIONS.pull)).toBe(false);
    expect(hasPermission(ids.AcrPush!, PERMISSIONS.push)).toBe(true);
    expect(hasPermission(ids.AcrPush!, PERMISSIONS.pull)).toBe(true);
    expect(hasPermission(ids.AcrPush!, PERMISSIONS.registryRead)).toBe(false);
    expect(hasPermission(ids.AcrPull!, PERMISSIONS.pull)).toBe(true);
    expect(hasPermission(ids.AcrPull!, PERMISSIONS.push)).toBe(false);
    expect(hasPermission(ids.AcrDelete!, PERMISSIONS.artifactsDelete)).toBe(true);
    expect(hasPermission(ids.AcrDelete!, PERMISSIONS.pull)).toBe(false);
  });

  it('extra permissions add to a role; bad names, roles and duplicates are refused', () => {
    const { sim } = geoWorld(['eastus']);
    const ops = unwrap(addIdentity(sim, 'ops', 'Reader', [PERMISSIONS.replicationsWrite]));
    expect(hasPermission(ops, PERMISSIONS.replicationsWrite)).toBe(true);
    expect(hasPermission(ops, PERMISSIONS.replicationsDelete)).toBe(false);
    expect(addIdentity(sim, 'ops', 'Reader').ok).toBe(false);
    expect(addIdentity(sim, 'x y', 'Reader').ok).toBe(false);
    expect(addIdentity(sim, 'boss', 'Superuser').ok).toBe(false);
    expect(addIdentity(sim, 'odd', 'Reader', ['not a permission']).ok).toBe(false);
  });

  it('data-plane access follows the role; unknown principals (kubelets) keep full access', () => {
    const { sim, registry } = geoWorld(['eastus']);
    unwrap(addIdentity(sim, 'puller', 'AcrPull'));
    unwrap(addIdentity(sim, 'auditor', 'Reader'));
    expect(dataPlaneAllowed(sim, 'puller', registry, 'app', 'pull')).toBe(true);
    expect(dataPlaneAllowed(sim, 'puller', registry, 'app', 'push')).toBe(false);
    expect(dataPlaneAllowed(sim, 'auditor', registry, 'app', 'pull')).toBe(false);
    expect(dataPlaneAllowed(sim, 'admin', registry, 'app', 'delete')).toBe(true);
    expect(dataPlaneAllowed(sim, 'aks-kubelet', registry, 'app', 'pull')).toBe(true);
  });
});

describe('repository-scoped tokens', () => {
  it('allow only their repositories and actions, and nothing once deleted', () => {
    const { sim, registry } = geoWorld(['eastus']);
    const token = unwrap(
      createToken(sim, registry, 'cibuild', [
        ['app', 'content/read', 'content/write'],
        ['web', 'content/read'],
      ]),
    );
    expect(tokenAllows(token, 'app', 'push')).toBe(true);
    expect(tokenAllows(token, 'web', 'pull')).toBe(true);
    expect(tokenAllows(token, 'web', 'push')).toBe(false);
    expect(tokenAllows(token, 'api', 'pull')).toBe(false);
    expect(tokenAllows(token, 'app', 'delete')).toBe(false);
    expect(dataPlaneAllowed(sim, 'cibuild', registry, 'app', 'push')).toBe(true);
    expect(dataPlaneAllowed(sim, 'cibuild', registry, undefined, 'pull')).toBe(false);
    expect(accessOf(sim).principals()).toEqual(['admin', 'cibuild']);
    unwrap(deleteToken(sim, registry, 'cibuild'));
    expect(dataPlaneAllowed(sim, 'cibuild', registry, 'app', 'pull')).toBe(false);
    expect(deleteToken(sim, registry, 'cibuild').ok).toBe(false);
  });

  it('refuses bad names, repositories, actions and empty scopes', () => {
    const { sim, registry } = geoWorld(['eastus']);
    expect(createToken(sim, registry, 'ab', [['app', 'content/read']]).ok).toBe(false);
    expect(createToken(sim, registry, 'token1', []).ok).toBe(false);
    expect(createToken(sim, registry, 'token1', [['App!', 'content/read']]).ok).toBe(false);
    expect(createToken(sim, registry, 'token1', [['app']]).ok).toBe(false);
    expect(createToken(sim, registry, 'token1', [['app', 'content/everything']]).ok).toBe(false);
    expect(createToken(sim, registry, 'admin', [['app', 'content/read']]).ok).toBe(false);
    unwrap(createToken(sim, registry, 'token1', [['app', 'content/read']]));
    expect(createToken(sim, registry, 'token1', [['app', 'content/read']]).ok).toBe(false);
  });

  it('reads the repository from registry API paths', () => {
    expect(repositoryOfPath('/v2/app/manifests/v1')).toBe('app');
    expect(repositoryOfPath('/v2/team/app/blobs/uploads/')).toBe('team/app');
    expect(repositoryOfPath('/acr/v1/app/_tags/v1')).toBe('app');
    expect(repositoryOfPath('/acr/v1/app')).toBe('app');
    expect(repositoryOfPath('/acr/v1/_catalog')).toBeUndefined();
  });
});
