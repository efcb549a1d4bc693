import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';
import type { MeterKind, MeterStatus } from '@gasdesk/schema';
import { decimalColumn } from '../../db/columns.ts';
import type { Account } from '../customers/account.model.ts';
import type { Warehouse } from './warehouse.model.ts';

/**
 * 表具. `status`, `accountId` and `warehouseId` say where the meter is now; only the stock and
 * meter services change them, each time together with a stock movement and a status event, so
 * the movements remain the record and these columns their latest state.
 */
export class Meter extends Model<InferAttributes<Meter>, InferCreationAttributes<Meter>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare serial: string;
  declare kind: MeterKind;
  declare maker: string;
  declare model: string;
  declare registerDigits: number;
  declare maxFlow: string;
  declare hasCorrector: boolean;
  declare status: MeterStatus;
  declare accountId: number | null;
  declare warehouseId: number | null;
  declare installedOn: string | null;
  declare manufacturedOn: string | null;
  declare nextVerificationDue: string | null;
  declare icCardNo: string | null;
  declare icCardMaker: string | null;
  declare account?: NonAttribute<Account | null>;
  declare warehouse?: NonAttribute<Warehouse | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    Meter.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        serial: { type: DataTypes.STRING(32), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        maker: { type: DataTypes.STRING(32), allowNull: false },
        model: { type: DataTypes.STRING(32), allowNull: false },
        registerDigits: { type: DataTypes.INTEGER, allowNull: false },
        maxFlow: decimalColumn('maxFlow', 10, 4, false),
        hasCorrector: { type: DataTypes.BOOLEAN, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: true },
        warehouseId: { type: DataTypes.INTEGER, allowNull: true },
        installedOn: { type: DataTypes.DATEONLY, allowNull: true },
        manufacturedOn: { type: DataTypes.DATEONLY, allowNull: true },
        nextVerificationDue: { type: DataTypes.DATEONLY, allowNull: true },
        icCardNo: { type: DataTypes.STRING(32), allowNull: true },
        icCardMaker: { type: DataTypes.STRING(32), allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'meters' },
    );
  }
}

export class MeterStatusEvent extends Model<InferAttributes<MeterStatusEvent>, InferCreationAttributes<MeterStatusEvent>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare meterId: number;
  declare fromStatus: MeterStatus | null;
  declare toStatus: MeterStatus;
  declare onDate: string;
  declare accountId: number | null;
  declare note: string;
  declare userId: number | null;
  declare createdAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    MeterStatusEvent.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        meterId: { type: DataTypes.INTEGER, allowNull: false },
        fromStatus: { type: DataTypes.STRING(16), allowNull: true },
        toStatus: { type: DataTypes.STRING(16), allowNull: false },
        onDate: { type: DataTypes.DATEONLY, allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: true },
        note: { type: DataTypes.STRING(200), allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'meter_status_events', updatedAt: false },
    );
  }
}
