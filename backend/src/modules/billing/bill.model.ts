import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';
import type { BillLineRole, ChargeKind, ExplanationStep } from '@gasdesk/schema';
import { decimalColumn, fenColumn, jsonColumn } from '../../db/columns.ts';

export type BillStatus = 'issued' | 'reversed';

/** 账单: one account's bill for one period. A rebill reverses it and issues the next revision. */
export class Bill extends Model<InferAttributes<Bill>, InferCreationAttributes<Bill>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare billNo: string;
  declare accountId: number;
  /** The billing month, `YYYY-MM`. */
  declare period: string;
  declare revision: number;
  declare status: BillStatus;
  /** Reading dates: the bill covers the days `(periodFrom, periodTo]`. */
  declare periodFrom: string;
  declare periodTo: string;
  declare volume: string;
  declare totalFen: number;
  declare issuedOn: string;
  declare dueOn: string;
  declare estimated: boolean;
  declare delivery: string;
  declare deliveryStatus: string;
  declare cycleStart: string | null;
  declare cycleVolume: string | null;
  declare explanation: ExplanationStep[];
  declare replacesId: number | null;
  declare reversedAt: Date | null;
  declare reversalReason: string | null;
  declare runId: number | null;
  declare createdBy: number | null;
  declare lines?: NonAttribute<BillLineRow[]>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    Bill.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        billNo: { type: DataTypes.STRING(48), allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: false },
        period: { type: DataTypes.STRING(7), allowNull: false },
        revision: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        periodFrom: { type: DataTypes.DATEONLY, allowNull: false },
        periodTo: { type: DataTypes.DATEONLY, allowNull: false },
        volume: decimalColumn('volume', 14, 3, false),
        totalFen: fenColumn('totalFen'),
        issuedOn: { type: DataTypes.DATEONLY, allowNull: false },
        dueOn: { type: DataTypes.DATEONLY, allowNull: false },
        estimated: { type: DataTypes.BOOLEAN, allowNull: false },
        delivery: { type: DataTypes.STRING(16), allowNull: false },
        deliveryStatus: { type: DataTypes.STRING(16), allowNull: false },
        cycleStart: { type: DataTypes.DATEONLY, allowNull: true },
        cycleVolume: decimalColumn('cycleVolume', 14, 3, true),
        explanation: jsonColumn<ExplanationStep[]>('explanation'),
        replacesId: { type: DataTypes.INTEGER, allowNull: true },
        reversedAt: { type: DataTypes.DATE(3), allowNull: true },
        reversalReason: { type: DataTypes.STRING(200), allowNull: true },
        runId: { type: DataTypes.INTEGER, allowNull: true },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'bills' },
    );
  }
}

/** 账单明细: one line of a bill, stored as the engine rated it. */
export class BillLineRow extends Model<InferAttributes<BillLineRow>, InferCreationAttributes<BillLineRow>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare billId: number;
  declare seq: number;
  declare chargeKind: ChargeKind;
  declare role: BillLineRole;
  declare sliceFrom: string;
  declare sliceTo: string;
  declare tier: number | null;
  declare volume: string | null;
  declare unitPrice: string | null;
  declare unroundedFen: string;
  declare amountFen: number;
  declare accountingCode: string;
  declare priceVersionId: number | null;
  declare discountRuleId: number | null;

  static initialize(sequelize: Sequelize): void {
    BillLineRow.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        billId: { type: DataTypes.INTEGER, allowNull: false },
        seq: { type: DataTypes.INTEGER, allowNull: false },
        chargeKind: { type: DataTypes.STRING(24), allowNull: false },
        role: { type: DataTypes.STRING(16), allowNull: false },
        sliceFrom: { type: DataTypes.DATEONLY, allowNull: false },
        sliceTo: { type: DataTypes.DATEONLY, allowNull: false },
        tier: { type: DataTypes.INTEGER, allowNull: true },
        volume: decimalColumn('volume', 14, 3, true),
        unitPrice: decimalColumn('unitPrice', 12, 4, true),
        unroundedFen: decimalColumn('unroundedFen', 20, 5, false),
        amountFen: fenColumn('amountFen'),
        accountingCode: { type: DataTypes.STRING(32), allowNull: false },
        priceVersionId: { type: DataTypes.INTEGER, allowNull: true },
        discountRuleId: { type: DataTypes.INTEGER, allowNull: true },
      },
      { sequelize, tableName: 'bill_lines', timestamps: false },
    );
  }
}
