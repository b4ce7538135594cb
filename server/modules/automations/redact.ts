// Console views of run inputs and outputs never show an email address in full.
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

export function redactEmails<T>(value: T): T {
  if (typeof value === 'string') return value.replace(EMAIL, '$1***@$2') as T;
  if (Array.isArray(value)) return value.map(redactEmails) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactEmails(v)])) as T;
  }
  return value;
}
