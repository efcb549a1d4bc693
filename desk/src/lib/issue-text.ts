import { isMessageKey, t, type MessageKey } from './i18n.svelte.ts';

/**
 * The server explains a refused field or a conflict in English (`lower than the meter's last
 * reading 1234.5 (2026-03-01)`). The desk says the ones it knows in the user's language, with the
 * values taken from the message; anything else is shown as the server wrote it, which still helps.
 */
const PATTERNS: [RegExp, MessageKey, string[]][] = [
  // Readings checked against the meter's previous one.
  [/^lower than the meter's last reading (\S+) \((\S+)\)$/, 'issue.readingLower', ['value', 'date']],
  [/^before the meter's last reading on (\S+)$/, 'issue.readingEarlier', ['date']],
  // Field formats from the shared schema.
  [/^a date written YYYY-MM-DD$|^not a real date$/, 'issue.date', []],
  [/^a register value in m³/, 'issue.registerValue', []],
  [/^a decimal number such as/, 'issue.decimal', []],
  [/^say which kind of ID the number is$/, 'issue.idTypeMissing', []],
  [/^not a valid 18-character resident ID/, 'issue.residentId', []],
  [/^an IC-card meter needs its card$/, 'issue.icCardMissing', []],
  [/^only IC-card meters carry a card$/, 'issue.icCardNotAllowed', []],
  [/^"(.*)" is not a phone number$/, 'issue.phone', ['number']],
  [/^the same number is listed twice$/, 'issue.phoneTwice', []],
  [/^the new holder is the current holder$/, 'issue.sameHolder', []],
  [/^not installed at this account$/, 'issue.notInstalledHere', []],
  [/^no such (\w+)$/, 'issue.noSuch', []],
  [/^already taken$/, 'issue.taken', []],
  [/^already registered \((\S+)\)$/, 'issue.idRegistered', ['customerNo']],
  [/^active account (\S+)$/, 'issue.premiseOccupied', ['accountNo']],
  [/^meter is (\w+)$/, 'issue.meterNotInStock', []],
  [/^serial (\S+) appears twice in this receipt$/, 'issue.serialTwice', ['serial']],
  [/^meter (\S+) is already registered$/, 'issue.serialRegistered', ['serial']],
  // Conflicts without a field (409).
  [/^account (\S+) already has a meter installed/, 'issue.accountHasMeter', ['accountNo']],
  [/^account (\S+) has no meter installed/, 'issue.accountNoMeter', ['accountNo']],
  [/^account (\S+) is closed$/, 'issue.accountClosed', ['accountNo']],
  [/^customer (\S+) is closed$/, 'issue.customerClosed', ['customerNo']],
  [/^this ID number is already registered to customer (\S+)$/, 'issue.idRegistered', ['customerNo']],
  [/^(.+) already has active account (\S+)$/, 'issue.addressOccupied', ['address', 'accountNo']],
  [/^account number (\S+) is taken$/, 'issue.accountNoTaken', ['accountNo']],
  [/^meter (\S+) is (\w+), not in stock/, 'issue.meterCannotInstall', ['serial', 'status']],
  [/^meter (\S+) is not in warehouse (\S+) \(status (\w+)\)$/, 'issue.meterNotInWarehouse', ['serial', 'warehouse', 'status']],
  [/^meter (\S+) is not at calibration/, 'issue.meterNotAtCalibration', ['serial']],
  [/^meter (\S+) cannot be scrapped while (\w+)$/, 'issue.meterCannotScrap', ['serial', 'status']],
  [/^meter (\S+) is not installed/, 'issue.meterNotInstalled', ['serial']],
  [/^warehouse code (\S+) is taken$/, 'issue.warehouseTaken', ['code']],
  // The bulk import's reasons that come up most.
  [/^differs from line (\d+), which has the same (.+)$/, 'issue.importDiffersFromLine', ['line', 'column']],
  [/^differs from line (\d+), the same customer$/, 'issue.importDiffersFromCustomer', ['line']],
  [/^differs from the registered value(?: \((.*)\))?$/, 'issue.importDiffersRegistered', ['registered']],
  [/^also on line ([\d, ]+)(: a meter is at one place)?$/, 'issue.importAlsoOnLine', ['lines']],
  [/^no warehouse with code (\S+)$/, 'issue.importNoWarehouse', ['code']],
  [/^already installed at account (\S+)$/, 'issue.importAlreadyInstalled', ['accountNo']],
  [/^missing column$/, 'issue.importMissingColumn', []],
  [/^unknown column$/, 'issue.importUnknownColumn', []],
  // zod's own wording for missing and oversized values.
  [/^Too small: expected string to have >=1 characters?$/, 'issue.required', []],
  [/^Too small: expected string to have >=(\d+) characters$/, 'issue.tooShort', ['min']],
  [/^Invalid input: expected \w+, received undefined$/, 'issue.required', []],
  [/^Too big: expected string to have <=(\d+) characters?$/, 'issue.tooLong', ['max']],
  [/^Invalid email/, 'issue.email', []],
  [/^Invalid option/, 'issue.option', []],
  [/^Too (small|big): expected number to be ([<>]=?)(\d+)$/, 'issue.range', ['which', 'op', 'limit']],
];

export function issueText(message: string): string {
  for (const [pattern, key, names] of PATTERNS) {
    const match = pattern.exec(message);
    if (!match) continue;
    const vars: Record<string, string> = {};
    names.forEach((name, i) => {
      const value = match[i + 1] ?? '';
      // A meter status in the message is said in the user's words.
      const statusKey = `meterStatus.${value}`;
      vars[name] = name === 'status' && isMessageKey(statusKey) ? t(statusKey) : value;
    });
    return t(key, vars);
  }
  return message;
}
