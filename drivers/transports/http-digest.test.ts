import { describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge } from './http-digest.js';

/** The worked examples of RFC 7616 §3.9.1: same challenge, MD5 and SHA-256. */
const RFC = {
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  request: {
    method: 'GET',
    uri: '/dir/index.html',
    username: 'Mufasa',
    password: 'Circle of Life',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    nc: 1,
  },
};

const challenge = (algorithm: string) =>
  `Digest realm="${RFC.realm}", qop="auth, auth-int", algorithm=${algorithm}, nonce="${RFC.nonce}", opaque="${RFC.opaque}"`;

describe('HTTP digest (RFC 7616)', () => {
  it('answers the RFC example with MD5', () => {
    const parsed = parseDigestChallenge(challenge('MD5'))!;
    expect(parsed).toEqual({ realm: RFC.realm, nonce: RFC.nonce, qop: 'auth', opaque: RFC.opaque, algorithm: 'MD5' });
    const header = digestAuthorization(parsed, RFC.request);
    expect(header).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
    expect(header).toContain('nc=00000001');
    expect(header).toContain(`opaque="${RFC.opaque}"`);
  });

  it('answers the RFC example with SHA-256', () => {
    const header = digestAuthorization(parseDigestChallenge(challenge('SHA-256'))!, RFC.request);
    expect(header).toContain('response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"');
  });

  it('finds the Digest challenge among others, and refuses what it cannot answer', () => {
    expect(parseDigestChallenge(`Basic realm="cam", Digest realm="cam", nonce="abc", qop=auth`)).toMatchObject({
      realm: 'cam',
      nonce: 'abc',
      qop: 'auth',
      algorithm: 'MD5',
    });
    expect(parseDigestChallenge('Digest realm="cam", nonce="abc"')).toMatchObject({ qop: undefined });
    expect(parseDigestChallenge('Basic realm="cam"')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="cam"')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="cam", nonce="abc", qop="auth-int"')).toBeUndefined();
    expect(parseDigestChallenge('Digest realm="cam", nonce="abc", algorithm=SHA-512-256')).toBeUndefined();
    expect(parseDigestChallenge(undefined)).toBeUndefined();
  });
});
