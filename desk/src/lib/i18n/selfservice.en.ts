import type { selfServiceZhCN } from './selfservice.zh-CN.ts';

/** Typed against the zh-CN self-service strings: a missing key does not compile. */
export const selfServiceEn: Record<keyof typeof selfServiceZhCN, string> = {
  'selfRead.title': 'Send us your meter reading',
  'selfRead.intro': 'Enter the gas company code and account number from your bill, the last four digits of a phone on the account, and the black digits on your gas meter.',
  'selfRead.company': 'Gas company code',
  'selfRead.accountNo': 'Account number',
  'selfRead.phoneLast4': 'Last four digits of your phone',
  'selfRead.value': 'Reading (m³)',
  'selfRead.submit': 'Send reading',
  'selfRead.submitting': 'Sending…',
  'selfRead.accepted': 'Thank you: your reading of {value} m³ on {date} is recorded.',
  'selfRead.exception': 'Thank you: your reading of {value} m³ is recorded; our staff will check it before your next bill.',
  'selfRead.duplicate': 'Your reading of {value} m³ was already recorded.',
  'selfRead.notFound': 'The account number and phone do not match. Please check and try again.',
  'selfRead.throttled': 'Too many attempts. Please try again later.',
  'selfRead.invalid': 'Please check: {fields}',
  'selfRead.staffLogin': 'Staff sign-in',
  'login.selfRead': 'Customers: send your meter reading',
};
