/**
 * Which AWS credentials and region to use, the way AWS users already have them: a profile from
 * their shared config (or the SDK's default chain), a region, and the identity those give
 * ("account 1234…, role Pathologist/alice") — checked with STS before anything is browsed. No
 * secret ever reaches this page: only profile names. The choice is kept in the settings.
 */
import { useEffect, useState } from 'react';
import type { AwsConnection, AwsIdentity, AwsProfiles } from '../../shared/model/aws.js';
import { api, asTriptychError, type TriptychError } from '../api/index.js';
import './aws.css';

const DEFAULT_CHAIN = '';

export function AwsConnectionPicker({
  value,
  onChange,
  onIdentity,
  testId = 'aws-connection',
}: {
  value: AwsConnection | null;
  /** A new profile/region chosen (not yet checked). */
  onChange(connection: AwsConnection): void;
  /** The identity once checked, or null while unchecked or failed. */
  onIdentity?(identity: AwsIdentity | null): void;
  testId?: string;
}) {
  const [profiles, setProfiles] = useState<AwsProfiles | null>(null);
  const [loadError, setLoadError] = useState<TriptychError | null>(null);
  const [identity, setIdentity] = useState<AwsIdentity | null>(null);
  const [checkError, setCheckError] = useState<TriptychError | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    api.call('aws.profiles', {}).then(setProfiles, (e) => setLoadError(asTriptychError(e)));
  }, []);

  // Without a saved choice: the environment's profile and region, as the AWS CLI would pick them.
  const connection: AwsConnection | null =
    value ??
    (profiles
      ? {
          profile: profiles.environmentCredentials ? null : profiles.defaultProfile,
          region:
            profiles.environmentRegion ??
            profiles.profiles.find((p) => p.name === profiles.defaultProfile)?.region ??
            profiles.regions[0] ??
            'us-east-1',
        }
      : null);

  const check = async (c: AwsConnection | null) => {
    if (!c) return;
    setChecking(true);
    setCheckError(null);
    try {
      const who = await api.call('aws.identity', { connection: c });
      setIdentity(who);
      onIdentity?.(who);
    } catch (e) {
      setIdentity(null);
      onIdentity?.(null);
      setCheckError(asTriptychError(e));
    } finally {
      setChecking(false);
    }
  };

  const choose = (next: AwsConnection) => {
    setIdentity(null);
    setCheckError(null);
    onIdentity?.(null);
    onChange(next);
  };

  if (loadError) {
    return (
      <div className="form-error" role="alert" data-testid={`${testId}-error`}>
        The AWS configuration could not be read: {loadError.message}
      </div>
    );
  }
  if (!profiles || !connection) return <div className="muted small">Reading the AWS configuration…</div>;

  const profileNames = profiles.profiles.map((p) => p.name);
  const regions = profiles.regions.includes(connection.region) ? profiles.regions : [connection.region, ...profiles.regions];

  return (
    <div className="aws-connection" data-testid={testId}>
      <div className="aws-connection-row">
        <label className="aws-field">
          <span className="field-label">Profile</span>
          <select
            className="input"
            value={connection.profile ?? DEFAULT_CHAIN}
            onChange={(e) => {
              const name = e.target.value || null;
              const own = profiles.profiles.find((p) => p.name === name)?.region;
              choose({ profile: name, region: own ?? connection.region });
            }}
            data-testid={`${testId}-profile`}
          >
            <option value={DEFAULT_CHAIN}>
              {profiles.environmentCredentials ? 'Environment credentials (AWS_ACCESS_KEY_ID)' : 'Default credential chain'}
            </option>
            {profileNames.map((name) => {
              const p = profiles.profiles.find((q) => q.name === name)!;
              return (
                <option key={name} value={name}>
                  {name} — {KIND_WORDS[p.kind]}
                  {p.customEndpoint ? ' · custom endpoint' : ''}
                </option>
              );
            })}
          </select>
        </label>
        <label className="aws-field">
          <span className="field-label">Region</span>
          <select
            className="input"
            value={connection.region}
            onChange={(e) => choose({ ...connection, region: e.target.value })}
            data-testid={`${testId}-region`}
          >
            {regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn"
          onClick={() => void check(connection)}
          disabled={checking}
          data-testid={`${testId}-check`}
        >
          {checking ? 'Checking…' : identity ? 'Check again' : 'Connect'}
        </button>
      </div>
      {identity ? (
        <div className="aws-identity" title={identity.arn} data-testid={`${testId}-identity`} data-arn={identity.arn}>
          <span className="aws-identity-dot" aria-hidden />
          Signed in as <strong>{identity.name}</strong> ({PRINCIPAL_WORDS[identity.principal]}) in account{' '}
          <span className="mono">{identity.account}</span>, {identity.region}
        </div>
      ) : null}
      {checkError ? (
        <div className="form-error" role="alert" data-testid={`${testId}-check-error`} data-code={checkError.code}>
          {checkError.message}
        </div>
      ) : null}
      {profileNames.length === 0 && !profiles.environmentCredentials ? (
        <p className="field-help">
          No AWS profile was found on this machine. Set one up with <span className="mono">aws configure sso</span> or{' '}
          <span className="mono">aws configure</span>; Triptych uses the same files as the AWS CLI.
        </p>
      ) : null}
    </div>
  );
}

const KIND_WORDS: Record<AwsProfiles['profiles'][number]['kind'], string> = {
  static: 'access key',
  sso: 'IAM Identity Center (SSO)',
  process: 'credential process',
  'assume-role': 'assumed role',
  'web-identity': 'web identity',
  other: 'profile',
};

const PRINCIPAL_WORDS: Record<AwsIdentity['principal'], string> = {
  user: 'IAM user',
  'assumed-role': 'role',
  root: 'account root',
  'federated-user': 'federated user',
  other: 'principal',
};
