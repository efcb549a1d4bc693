import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { LedgerTransactionKind } from '@gasdesk/schema';

/**
 * 总账凭证: one movement of money, made of entries that sum to zero (ledger-entry.model.ts).
 * Never changed once written: a mistake is undone by a reversal, which names the transaction it
 * reverses (at most one per transaction, guarded by a unique index).
 */
export class LedgerTransaction extends Model<InferAttributes<LedgerTransaction>, InferCreationAttributes<LedgerTransaction>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare kind: LedgerTransactionKind;
  /** The poster's key (a bill's natural key, a client's request id): a second posting under it posts nothing. Unique per company. */
  declare idempotencyKey: string;
  /** The customer account concerned, when there is one. */
  declare accountId: number | null;
  /** Business date in the company's time zone. */
  declare occurredOn: string;
  declare reversesId: number | null;
  declare sourceType: string | null;
  declare sourceId: number | null;
  declare memo: string;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    LedgerTransaction.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        idempotencyKey: { type: DataTypes.STRING(128), allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: true },
        occurredOn: { type: DataTypes.DATEONLY, allowNull: false },
        reversesId: { type: DataTypes.INTEGER, allowNull: true },
        sourceType: { type: DataTypes.STRING(32), allowNull: true },
        sourceId: { type: DataTypes.INTEGER, allowNull: true },
        memo: { type: DataTypes.STRING(200), allowNull: false },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'ledger_transactions', updatedAt: false },
    );
  }
}
