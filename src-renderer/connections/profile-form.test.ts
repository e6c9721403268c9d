import { describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../src-main/shared/connection-profile';
import { emptyForm, formatMessage, formFromProfile, parseBrokerUrls, pemProblem, serverErrors, toProfileInput, validateForm } from './profile-form';

const saved: ProfileSummary = {
  id: 'p1',
  name: 'Curing hall',
  urls: ['mqtts://a.plant:8883', 'mqtts://b.plant:8883'],
  protocolVersion: 5,
  username: 'twin',
  hasPassword: true,
  tls: { ca: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----', hasKey: true, rejectUnauthorized: true },
  keepaliveSeconds: 30,
};

describe('broker URL list', () => {
  it('takes one URL per line, skipping blank lines and surrounding spaces', () => {
    expect(parseBrokerUrls(' mqtt://a:1883 \n\n ws://b:9001/mqtt\r\n')).toEqual({ urls: ['mqtt://a:1883', 'ws://b:9001/mqtt'], errors: [] });
  });

  it('names the line and the backend rule that a URL breaks', () => {
    const { urls, errors } = parseBrokerUrls('mqtt://ok:1883\n\nhttp://web:80\nnot a url');
    expect(urls).toEqual(['mqtt://ok:1883']);
    expect(errors.map((e) => e.params?.line)).toEqual(['3', '4']);
    expect(errors[0]?.params?.problem).toMatch(/unsupported scheme http:/);
    expect(errors[1]?.params?.problem).toMatch(/not a URL/);
  });

  it('wants at least one URL and at most eight', () => {
    expect(parseBrokerUrls(' \n').errors).toEqual([{ key: 'conn.err.urlsEmpty' }]);
    const nine = Array.from({ length: 9 }, (_, i) => `mqtt://b${i}:1883`).join('\n');
    expect(parseBrokerUrls(nine).errors).toEqual([{ key: 'conn.err.urlsTooMany', params: { max: '8' } }]);
  });
});

describe('profile form', () => {
  it('checks name and URLs before asking the host', () => {
    expect(validateForm(emptyForm())).toEqual({ name: [{ key: 'conn.err.nameRequired' }], urls: [{ key: 'conn.err.urlsEmpty' }] });
    expect(validateForm({ ...emptyForm(), name: 'x', urlsText: 'mqtt://h:1883' })).toEqual({});
  });

  it('a new profile: verification on, no TLS block, no password, no rebirth requests', () => {
    expect(toProfileInput({ ...emptyForm(), name: ' Line 1 ', urlsText: 'mqtt://h:1883', clientId: ' ' })).toEqual({ name: 'Line 1', urls: ['mqtt://h:1883'], protocolVersion: 4 });
  });

  it('editing without touching secrets keeps the saved password and client key', () => {
    const form = formFromProfile(saved);
    expect(form.urlsText).toBe('mqtts://a.plant:8883\nmqtts://b.plant:8883');
    expect(form.password).toBe('');
    const input = toProfileInput(form);
    expect(input).toMatchObject({ id: 'p1', protocolVersion: 5, username: 'twin', keepaliveSeconds: 30 });
    expect('password' in input).toBe(false);
    expect(input.tls).toEqual({ ca: saved.tls?.ca, rejectUnauthorized: true });
  });

  it('a typed password replaces the saved one; remove sends an empty string', () => {
    const form = formFromProfile(saved);
    expect(toProfileInput({ ...form, password: 'new' }).password).toBe('new');
    expect(toProfileInput({ ...form, removePassword: true }).password).toBe('');
  });

  it('client key: a loaded file is sent, removing a saved one sends an empty string', () => {
    const form = formFromProfile(saved);
    expect(toProfileInput({ ...form, key: 'PEM' }).tls?.key).toBe('PEM');
    expect(toProfileInput({ ...form, removeKey: true, ca: '' }).tls).toBeUndefined();
    expect(toProfileInput({ ...form, removeKey: true }).tls).toEqual({ ca: saved.tls?.ca, key: '', rejectUnauthorized: true });
  });

  it('turning verification off is sent even without certificates', () => {
    expect(toProfileInput({ ...emptyForm(), name: 'x', urlsText: 'mqtts://h', rejectUnauthorized: false }).tls).toEqual({ rejectUnauthorized: false });
  });

  it('recognises PEM text', () => {
    expect(pemProblem('-----BEGIN EC PRIVATE KEY-----\nabc\n-----END EC PRIVATE KEY-----\n')).toBeUndefined();
    expect(pemProblem('\u0030\u0082binary')).toEqual({ key: 'conn.err.notPem' });
  });
});

describe('host refusals', () => {
  it('land beside the field the host names', () => {
    expect(serverErrors('profile username: MQTT 3.1.1 needs a user name when a password is set')).toEqual({
      username: [{ key: 'conn.err.rejected', params: { problem: 'MQTT 3.1.1 needs a user name when a password is set' } }],
    });
    expect(Object.keys(serverErrors('profile urls.2: unsupported scheme'))).toEqual(['urls']);
    expect(Object.keys(serverErrors("Error invoking remote method 'twin:request': Error: profile tls.key: too long"))).toEqual(['key']);
  });

  it('anything else goes above the form', () => {
    expect(serverErrors('no profile with id x')).toEqual({ form: [{ key: 'conn.err.rejected', params: { problem: 'no profile with id x' } }] });
  });
});

it('fills placeholders and leaves unknown ones', () => {
  expect(formatMessage('Line {line}: {problem} {x}', { line: '2', problem: 'bad' })).toBe('Line 2: bad {x}');
});
