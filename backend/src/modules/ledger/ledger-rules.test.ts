import { expect } from 'chai';
import { checkDraft, describeFinding, isReversalOf, ledgerFindings, reversalOf, type LedgerDraft } from './ledger-rules.ts';

const charge: LedgerDraft = {
  companyId: 1,
  kind: 'charge',
  key: 'bill:41',
  accountId: 7,
  occurredOn: '2026-03-01',
  memo: '2026-02 燃气费',
  sourceType: 'bill',
  sourceId: 41,
  entries: [
    { book: 'receivable', accountId: 7, amountFen: 12_345 },
    { book: 'revenue:gas', accountingCode: '6001.01', amountFen: -12_000 },
    { book: 'revenue:service', accountingCode: '6001.02', amountFen: -345 },
  ],
};
const withEntries = (entries: LedgerDraft['entries']) => checkDraft({ ...charge, entries });

describe('ledger rules', () => {
  describe('checkDraft', () => {
    it('should find nothing wrong when a charge balances', () => {
      expect(checkDraft(charge)).to.deep.equal([]);
    });

    it('should say by how much when the entries do not sum to zero', () => {
      expect(withEntries([{ book: 'receivable', accountId: 7, amountFen: 100 }, { book: 'revenue:gas', amountFen: -99 }])).to.deep.equal([
        { field: 'entries', message: 'the entries sum to 1 fen; they must sum to zero' },
      ]);
    });

    it('should refuse a draft when it has no entries', () => {
      expect(withEntries([])).to.deep.equal([{ field: 'entries', message: 'at least one entry' }]);
    });

    it('should name each entry when amounts are not whole fen within ±2^53, and leave the sum unjudged', () => {
      expect(withEntries([{ book: 'receivable', accountId: 7, amountFen: 10.5 }, { book: 'revenue:gas', amountFen: 2 ** 53 }, { book: 'cash', amountFen: Number.NaN }])).to.deep.equal([
        { field: 'entries.0.amountFen', message: 'a whole number of fen within ±2^53' },
        { field: 'entries.1.amountFen', message: 'a whole number of fen within ±2^53' },
        { field: 'entries.2.amountFen', message: 'a whole number of fen within ±2^53' },
      ]);
    });

    it('should sum without rounding when amounts are near the safe limit', () => {
      const big = Number.MAX_SAFE_INTEGER;
      expect(withEntries([{ book: 'receivable', accountId: 7, amountFen: big }, { book: 'receivable', accountId: 8, amountFen: big }, { book: 'revenue:gas', amountFen: -big }, { book: 'revenue:gas', amountFen: -big + 1 }])).to.deep.equal([
        { field: 'entries', message: 'the entries sum to 1 fen; they must sum to zero' },
      ]);
    });

    it('should require an account when an entry is receivable', () => {
      expect(withEntries([{ book: 'receivable', amountFen: 100 }, { book: 'revenue:gas', amountFen: -100 }])).to.deep.equal([{ field: 'entries.0.accountId', message: 'required on a receivable entry' }]);
    });

    it('should refuse a book when its name is not lower-case words with at most one colon', () => {
      const issues = withEntries([
        { book: 'receivable', accountId: 7, amountFen: 100 },
        { book: 'Revenue:gas', amountFen: -40 },
        { book: 'revenue:gas:tier1', amountFen: -30 },
        { book: 'revenue:', amountFen: -30 },
      ]);
      expect(issues.map((i) => i.field)).to.deep.equal(['entries.1.book', 'entries.2.book', 'entries.3.book']);
    });

    it('should refuse text when it does not fit its column, and a date when it is not a real one', () => {
      const issues = checkDraft({ ...charge, key: 'k'.repeat(129), memo: 'm'.repeat(201), sourceType: 's'.repeat(33), occurredOn: '2026-02-30', entries: [{ ...charge.entries[0]!, accountingCode: 'c'.repeat(33) }, ...charge.entries.slice(1)] });
      expect(issues.map((i) => i.field)).to.deep.equal(['key', 'occurredOn', 'memo', 'sourceType', 'entries.0.accountingCode']);
    });

    it('should require reversesId when the kind is reversal, and refuse it on any other kind', () => {
      expect(checkDraft({ ...charge, kind: 'reversal' })).to.deep.equal([{ field: 'reversesId', message: 'set on a reversal and only there' }]);
      expect(checkDraft({ ...charge, reversesId: 3 })).to.deep.equal([{ field: 'reversesId', message: 'set on a reversal and only there' }]);
      expect(checkDraft({ ...charge, kind: 'reversal', reversesId: 3 })).to.deep.equal([]);
    });

    it('should refuse an unknown kind', () => {
      expect(checkDraft({ ...charge, kind: 'gift' as LedgerDraft['kind'] }).map((i) => i.field)).to.deep.equal(['kind']);
    });
  });

  describe('reversals', () => {
    it('should negate every amount and keep books, accounts and codes when reversing', () => {
      expect(reversalOf(charge.entries)).to.deep.equal([
        { book: 'receivable', accountId: 7, accountingCode: null, amountFen: -12_345 },
        { book: 'revenue:gas', accountId: null, accountingCode: '6001.01', amountFen: 12_000 },
        { book: 'revenue:service', accountId: null, accountingCode: '6001.02', amountFen: 345 },
      ]);
    });

    it('should keep a zero amount zero when reversing it', () => {
      expect(Object.is(reversalOf([{ book: 'cash', amountFen: 0 }])[0]!.amountFen, 0)).to.equal(true);
    });

    it('should recognise the negated entries in any order, and nothing else, as the reversal', () => {
      const undo = reversalOf(charge.entries);
      expect(isReversalOf(charge.entries, [undo[2]!, undo[0]!, undo[1]!])).to.equal(true);
      expect(isReversalOf(charge.entries, undo.slice(1))).to.equal(false);
      expect(isReversalOf(charge.entries, [{ ...undo[0]!, accountId: 8 }, undo[1]!, undo[2]!])).to.equal(false);
      expect(isReversalOf(charge.entries, charge.entries)).to.equal(false);
    });
  });

  describe('ledgerFindings', () => {
    it('should find nothing when every transaction balances and every balance equals its entries', () => {
      expect(ledgerFindings([{ companyId: 1, transactionId: 5, sumFen: 0 }], [{ companyId: 1, accountId: 7, balanceFen: 300, entriesFen: 300 }])).to.deep.equal([]);
    });

    it('should report unbalanced transactions, wrong balances and missing balance rows in company and id order', () => {
      const findings = ledgerFindings(
        [
          { companyId: 2, transactionId: 9, sumFen: -1 },
          { companyId: 1, transactionId: 8, sumFen: 500 },
          { companyId: 1, transactionId: 3, sumFen: 0 },
        ],
        [
          { companyId: 1, accountId: 12, balanceFen: 101, entriesFen: 100 },
          { companyId: 1, accountId: 4, balanceFen: null, entriesFen: 0 },
          { companyId: 2, accountId: 1, balanceFen: 0, entriesFen: 0 },
        ],
      );
      expect(findings).to.deep.equal([
        { kind: 'unbalanced_transaction', companyId: 1, transactionId: 8, sumFen: 500 },
        { kind: 'balance_mismatch', companyId: 1, accountId: 4, balanceFen: null, entriesFen: 0 },
        { kind: 'balance_mismatch', companyId: 1, accountId: 12, balanceFen: 101, entriesFen: 100 },
        { kind: 'unbalanced_transaction', companyId: 2, transactionId: 9, sumFen: -1 },
      ]);
    });

    it('should describe each finding in plain words', () => {
      expect(describeFinding({ kind: 'unbalanced_transaction', companyId: 1, transactionId: 8, sumFen: 500 })).to.equal('company 1: transaction 8 does not balance — its entries sum to 500 fen instead of 0');
      expect(describeFinding({ kind: 'balance_mismatch', companyId: 1, accountId: 12, balanceFen: 101, entriesFen: 100 })).to.equal(
        'company 1: account 12 shows a balance of 101 fen but its receivable entries sum to 100 fen (1 fen off)',
      );
      expect(describeFinding({ kind: 'balance_mismatch', companyId: 1, accountId: 4, balanceFen: null, entriesFen: 250 })).to.equal('company 1: account 4 has receivable entries summing to 250 fen but no balance row');
    });
  });
});
