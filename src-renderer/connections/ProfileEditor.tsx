import { useId, useState, type ReactNode } from 'react';
import type { TwinBridge } from '../../src-main/shared/bridge';
import type { ProfileSummary } from '../../src-main/shared/connection-profile';
import { useT } from '../i18n/use-t';
import { formatMessage, pemProblem, serverErrors, toProfileInput, validateForm, type FieldError, type FormErrors, type ProfileForm } from './profile-form';

interface Props {
  bridge: TwinBridge;
  initial: ProfileForm;
  /** Where passwords are kept on this host, in the UI language. */
  passwordNote: string;
  onSaved(profile: ProfileSummary): void;
  onCancel(): void;
}

type PemField = 'ca' | 'cert' | 'key';

/** The broker profile form; the host validates again on save and its refusal lands beside the field. */
export function ProfileEditor({ bridge, initial, passwordNote, onSaved, onCancel }: Props) {
  const t = useT();
  const idPrefix = useId();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<ProfileForm>): void => setForm((f) => ({ ...f, ...patch }));
  const id = (field: string): string => `${idPrefix}-${field}`;

  const save = async (): Promise<void> => {
    const problems = validateForm(form);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setSaving(true);
    try {
      onSaved(await bridge.request('saveProfile', toProfileInput(form)));
    } catch (err) {
      setErrors(serverErrors((err as Error).message));
    } finally {
      setSaving(false);
    }
  };

  const loadPem = async (field: PemField, file: File | undefined): Promise<void> => {
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      setErrors((e) => ({ ...e, [field]: [{ key: 'conn.err.fileRead', params: { file: file.name, problem: (err as Error).message } }] }));
      return;
    }
    const problem = pemProblem(text);
    setErrors((e) => ({ ...e, [field]: problem ? [problem] : undefined }));
    if (!problem) set(field === 'key' ? { key: text, removeKey: false } : { [field]: text });
  };

  const pemStatus = (field: PemField): string => {
    const text = form[field];
    if (text) return formatMessage(t('conn.loaded'), { n: String(text.length) });
    if (field === 'key' && form.hasSavedKey && !form.removeKey) return t('conn.stored');
    return t('conn.none');
  };
  const removePem = (field: PemField): void => set(field === 'key' ? { key: '', removeKey: form.hasSavedKey } : { [field]: '' });
  const hasPem = (field: PemField): boolean => Boolean(form[field]) || (field === 'key' && form.hasSavedKey && !form.removeKey);

  const pemRow = (field: PemField, label: ReactNode): ReactNode => (
    <div className="conn-field">
      <label htmlFor={id(field)}>{label}</label>
      <div className="conn-pem">
        <span data-testid={`profile-${field}-status`}>{pemStatus(field)}</span>
        <input
          id={id(field)}
          type="file"
          accept=".pem,.crt,.cer,.key,text/plain"
          data-testid={`profile-${field}-file`}
          onChange={(e) => {
            void loadPem(field, e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        {hasPem(field) && (
          <button type="button" onClick={() => removePem(field)} data-testid={`profile-${field}-remove`}>
            {t('conn.remove')}
          </button>
        )}
      </div>
      <FieldErrors errors={errors[field]} />
    </div>
  );

  return (
    <form
      className="conn-editor"
      data-testid="profile-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{form.id ? t('conn.editTitle') : t('conn.newTitle')}</h3>
      <FieldErrors errors={errors.form} />
      <div className="conn-field">
        <label htmlFor={id('name')}>{t('conn.name')}</label>
        <input id={id('name')} data-testid="profile-name" value={form.name} maxLength={100} aria-invalid={Boolean(errors.name)} onChange={(e) => set({ name: e.target.value })} autoFocus />
        <FieldErrors errors={errors.name} />
      </div>
      <div className="conn-field">
        <label htmlFor={id('urls')}>{t('conn.urls')}</label>
        <textarea
          id={id('urls')}
          data-testid="profile-urls"
          rows={3}
          spellCheck={false}
          placeholder="mqtts://broker.plant.local:8883"
          value={form.urlsText}
          aria-invalid={Boolean(errors.urls)}
          onChange={(e) => set({ urlsText: e.target.value })}
        />
        <FieldErrors errors={errors.urls} />
      </div>
      <div className="conn-field">
        <label htmlFor={id('version')}>{t('conn.mqttVersion')}</label>
        <select id={id('version')} data-testid="profile-version" value={form.protocolVersion} onChange={(e) => set({ protocolVersion: e.target.value === '5' ? 5 : 4 })}>
          <option value="4">3.1.1</option>
          <option value="5">5</option>
        </select>
      </div>
      <div className="conn-field">
        <label htmlFor={id('client')}>{t('conn.clientId')}</label>
        <input id={id('client')} data-testid="profile-client-id" value={form.clientId} maxLength={128} placeholder={t('conn.clientIdHint')} onChange={(e) => set({ clientId: e.target.value })} />
      </div>
      <div className="conn-field">
        <label htmlFor={id('user')}>{t('conn.username')}</label>
        <input id={id('user')} data-testid="profile-username" value={form.username} maxLength={256} autoComplete="off" onChange={(e) => set({ username: e.target.value })} />
        <FieldErrors errors={errors.username} />
      </div>
      <div className="conn-field">
        <label htmlFor={id('password')}>{t('conn.password')}</label>
        <input
          id={id('password')}
          data-testid="profile-password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          maxLength={1024}
          disabled={form.removePassword}
          placeholder={form.hasSavedPassword ? t('conn.passwordStored') : ''}
          onChange={(e) => set({ password: e.target.value })}
        />
        {form.hasSavedPassword && (
          <label className="conn-check">
            <input type="checkbox" data-testid="profile-password-remove" checked={form.removePassword} onChange={(e) => set({ removePassword: e.target.checked, password: '' })} />
            {t('conn.passwordRemove')}
          </label>
        )}
        <p className="conn-note" data-testid="password-storage-note">
          {passwordNote}
        </p>
        <FieldErrors errors={errors.password} />
      </div>
      <fieldset className="conn-tls">
        <legend>TLS</legend>
        {pemRow('ca', t('conn.ca'))}
        {pemRow('cert', t('conn.cert'))}
        {pemRow('key', t('conn.key'))}
        <label className="conn-check">
          <input type="checkbox" data-testid="profile-verify" checked={form.rejectUnauthorized} onChange={(e) => set({ rejectUnauthorized: e.target.checked })} />
          {t('conn.verify')}
        </label>
        {!form.rejectUnauthorized && (
          <p className="conn-warning" role="alert" data-testid="profile-verify-warning">
            {t('conn.verifyOffWarning')}
          </p>
        )}
      </fieldset>
      <div className="conn-field">
        <label htmlFor={id('keepalive')}>{t('conn.keepalive')}</label>
        <input
          id={id('keepalive')}
          data-testid="profile-keepalive"
          type="number"
          min={0}
          max={3600}
          step={1}
          value={form.keepaliveSeconds}
          onChange={(e) => set({ keepaliveSeconds: e.target.value })}
        />
        <FieldErrors errors={errors.keepaliveSeconds} />
      </div>
      <div className="conn-field">
        <label className="conn-check">
          <input type="checkbox" data-testid="profile-rebirth" checked={form.sparkplugRebirthRequests} onChange={(e) => set({ sparkplugRebirthRequests: e.target.checked })} />
          {t('conn.rebirth')}
        </label>
        <p className={form.sparkplugRebirthRequests ? 'conn-warning' : 'conn-note'}>{t('conn.rebirthNote')}</p>
      </div>
      <div className="conn-buttons">
        <button type="submit" data-testid="profile-save" disabled={saving}>
          {t('conn.save')}
        </button>
        <button type="button" data-testid="profile-cancel" onClick={onCancel}>
          {t('conn.cancel')}
        </button>
      </div>
    </form>
  );
}

function FieldErrors({ errors }: { errors: FieldError[] | undefined }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul className="conn-errors" role="alert" data-testid="field-error">
      {errors.map((e, i) => (
        <li key={i}>{formatMessage(t(e.key), e.params)}</li>
      ))}
    </ul>
  );
}
