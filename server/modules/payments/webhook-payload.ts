// What the inbox keeps of a provider's event (issue #9, minimisation): only the fields that
// applying and replaying it read (webhook-event.schema.ts). Stripe's objects also carry the
// shopper's receipt email, billing details, shipping address and card details; the signature
// was checked on the raw body before this, so none of that needs to be stored.
const INTENT_FIELDS = ['id', 'object', 'amount', 'amount_received', 'currency', 'status', 'metadata'] as const;
const CHARGE_FIELDS = ['id', 'object', 'payment_intent', 'amount', 'amount_captured', 'amount_refunded', 'refunded', 'currency', 'status', 'metadata'] as const;
const ERROR_FIELDS = ['type', 'code', 'decline_code', 'message'] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function pick(from: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/** The event as stored: envelope + the object's applied fields. Call after it parsed. */
export function minimiseWebhookPayload(json: unknown): Json {
  if (!isObject(json)) return {};
  const data = isObject(json.data) ? json.data : {};
  const object = isObject(data.object) ? data.object : {};
  const kept = pick(object, object.object === 'charge' ? CHARGE_FIELDS : INTENT_FIELDS);
  if (isObject(object.last_payment_error)) kept.last_payment_error = pick(object.last_payment_error, ERROR_FIELDS);
  return { ...pick(json, ['id', 'object', 'type', 'created', 'livemode', 'api_version']), data: { object: kept } };
}
