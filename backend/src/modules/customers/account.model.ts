import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';
import type { AccountFlag, AccountStatus, BillDelivery, UserCategory } from '@gasdesk/schema';
import { decimalColumn, nameSetColumn } from '../../db/columns.ts';
import type { Customer } from './customer.model.ts';
import type { Premise } from './premise.model.ts';
import type { Meter } from '../meters/meter.model.ts';

/** 户号: the billing account of one customer at one premise of one company. */
export class Account extends Model<InferAttributes<Account>, InferCreationAttributes<Account>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare accountNo: string;
  declare customerId: number;
  declare premiseId: number;
  declare category: UserCategory;
  declare householdSize: number;
  declare readingBookCode: string | null;
  /** Place on the reading book's route (抄表顺序). */
  declare readingSequence: CreationOptional<number>;
  declare billDelivery: BillDelivery;
  declare status: AccountStatus;
  declare openedOn: string;
  declare closedOn: string | null;
  /** What discount rules may ask for (低保户…); none is stored as null and reads as []. */
  declare flags: CreationOptional<AccountFlag[]>;
  declare customer?: NonAttribute<Customer>;
  declare premise?: NonAttribute<Premise>;
  declare meters?: NonAttribute<Meter[]>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    Account.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        accountNo: { type: DataTypes.STRING(32), allowNull: false },
        customerId: { type: DataTypes.INTEGER, allowNull: false },
        premiseId: { type: DataTypes.INTEGER, allowNull: false },
        category: { type: DataTypes.STRING(32), allowNull: false },
        householdSize: { type: DataTypes.INTEGER, allowNull: false },
        readingBookCode: { type: DataTypes.STRING(32), allowNull: true },
        readingSequence: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        billDelivery: { type: DataTypes.STRING(16), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        openedOn: { type: DataTypes.DATEONLY, allowNull: false },
        closedOn: { type: DataTypes.DATEONLY, allowNull: true },
        flags: { ...nameSetColumn<AccountFlag>('flags'), allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'accounts' },
    );
  }
}

export class AccountStatusEvent extends Model<InferAttributes<AccountStatusEvent>, InferCreationAttributes<AccountStatusEvent>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare accountId: number;
  declare fromStatus: AccountStatus | null;
  declare toStatus: AccountStatus;
  declare onDate: string;
  declare reason: string;
  declare userId: number | null;
  declare createdAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    AccountStatusEvent.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: false },
        fromStatus: { type: DataTypes.STRING(16), allowNull: true },
        toStatus: { type: DataTypes.STRING(16), allowNull: false },
        onDate: { type: DataTypes.DATEONLY, allowNull: false },
        reason: { type: DataTypes.STRING(200), allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'account_status_events', updatedAt: false },
    );
  }
}

/** Who held the account when: a transfer (过户) ends one period at the final reading and starts the next. */
export class AccountHolder extends Model<InferAttributes<AccountHolder>, InferCreationAttributes<AccountHolder>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare accountId: number;
  declare customerId: number;
  declare fromDate: string;
  declare toDate: string | null;
  declare startReading: string | null;
  declare customer?: NonAttribute<Customer>;

  static initialize(sequelize: Sequelize): void {
    AccountHolder.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: false },
        customerId: { type: DataTypes.INTEGER, allowNull: false },
        fromDate: { type: DataTypes.DATEONLY, allowNull: false },
        toDate: { type: DataTypes.DATEONLY, allowNull: true },
        startReading: decimalColumn('startReading', 14, 3, true),
      },
      { sequelize, tableName: 'account_holders', timestamps: false },
    );
  }
}
