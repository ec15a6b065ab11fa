import type { SignatureInfo, SignatureVerification } from '../signature/types.js';
import type { Failure } from './policy-match.js';

/** When a signature counts as made, for `signedNotBefore` / `signedNotAfter`, and why. */
export interface SigningDay {
  /** The UTC day of its signing time, only when that time is trustworthy. */
  day?: string;
  /** Why the signing time counts or not, worded for a finding. */
  basis: string;
}

const SOURCE_NAMES: Record<NonNullable<SignatureInfo['signingTime']>['source'], string> = {
  xades: 'XAdES SigningTime',
  'jws-sigT': 'JWS sigT',
};

/**
 * A signing time counts only when the signature vouches for it (signed) and the signature
 * verifies: an unsigned claim, or the word of a signature that fails or cannot be checked here,
 * could be written by anyone to bring an expired algorithm back. It remains the signer's own
 * statement (only a trusted timestamp would prove it), so one outside the validity of the
 * signing certificate is not believed either. Without one, the rules judge on the evaluation
 * date, as if the signature had been made then.
 */
export function signingDayOf(
  signature: SignatureInfo,
  verification: SignatureVerification | undefined,
): SigningDay {
  const time = signature.signingTime;
  if (!time) return { basis: 'its signing time is unknown' };
  const source = SOURCE_NAMES[time.source];
  if (!time.utc) return { basis: `its ${source} '${time.text}' is unreadable` };
  const day = time.utc.slice(0, 10);
  if (!time.signed) return { basis: `its ${source} ${day} is claimed but not signed` };
  if (verification?.valid !== true) {
    const why = verification?.valid === false ? 'does not verify' : 'cannot be verified here';
    return { basis: `its signed ${source} ${day} belongs to a signature that ${why}` };
  }
  // The signer's own word: at least it cannot predate or outlive the certificate of its key.
  const signer = verification.signer;
  if (signer?.notBefore && signer.notAfter) {
    if (time.utc < signer.notBefore || time.utc > signer.notAfter) {
      return {
        basis: `its signed ${source} ${day} is outside the signing certificate's validity (${signer.notBefore.slice(0, 10)} to ${signer.notAfter.slice(0, 10)})`,
      };
    }
  }
  return { day, basis: `${source}, signed` };
}

/**
 * The templates of a signing-window finding, after what the receiver accepts (`accepts`, e.g.
 * "{{receiver}} accepts {{algorithm}}"): "RU accepts GOST R 34.10-2001 only for signatures made
 * until 2019-12-31; this one was signed 2021-03-02 (XAdES SigningTime, signed)" — or, without
 * a usable signing time, why the evaluation date was used instead.
 */
export function signingWindowMessages(accepts: string): Record<SigningWindowMessageId, string> {
  return {
    signedOutsideWindow: `${accepts} only for signatures made {{window}}; this one was signed {{day}} ({{basis}})`,
    judgedOnEvaluationDate: `${accepts} only for signatures made {{window}}; {{basis}}, so it is judged on the evaluation date {{day}}`,
  };
}

export type SigningWindowMessageId = 'signedOutsideWindow' | 'judgedOnEvaluationDate';

/** Which signing-window message fits, and its window, day and basis. */
export function signingWindowReport(
  failure: Extract<Failure, { window: 'signing' }>,
  signing: SigningDay,
): { messageId: SigningWindowMessageId; data: { window: string; day: string; basis: string } } {
  return {
    messageId:
      failure.judgedOn === 'signing-time' ? 'signedOutsideWindow' : 'judgedOnEvaluationDate',
    data: {
      window: dateWindow(failure.signedNotBefore, failure.signedNotAfter),
      day: failure.day,
      basis: signing.basis,
    },
  };
}

/** "from 2020-01-01 until 2028-12-31", either end left out when open. */
export function dateWindow(from: string | undefined, until: string | undefined): string {
  return [from && `from ${from}`, until && `until ${until}`].filter(Boolean).join(' ');
}
