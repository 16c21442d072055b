// A real OpenID Connect provider (node-oidc-provider, OpenID certified) for the SSO tests.
// Usage: node server.mjs CONFIG.json; prints "ready <issuer>" when it listens.
// CONFIG: {port, issuer, clients: [client metadata], accounts: {login: claims},
//          jwks: {keys: [private JWK]}, idTokenTtl: {clientId: seconds}}
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ttl = config.idTokenTtl || {};

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  cookies: { keys: ['test-only-cookie-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  ttl: {
    IdToken: (ctx, token, client) => ttl[client.clientId] ?? 3600,
    AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600,
  },
  // First-party clients: the login page is the only interaction, no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  // Read again at every login, so a test can change a person's e-mail at the provider.
  async findAccount(ctx, id) {
    const claims = JSON.parse(readFileSync(process.argv[2], 'utf8')).accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));

provider.listen(config.port, '127.0.0.1', () => {
  console.log(`ready ${config.issuer}`);
});
