import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { ReadingKind } from '@gasdesk/schema';
import { decimalColumn } from '../../db/columns.ts';

/**
 * Where each meter's readings stand, so that validating a batch needs one lookup per meter rather
 * than its history: the last accepted reading, the average daily use over a bounded window of
 * recent actual periods, and how many estimates in a row it has had. Derived from `meter_readings`
 * and rebuilt from them whenever a reading other than the newest changes (see reading-state.ts).
 */
export class MeterReadState extends Model<InferAttributes<MeterReadState>, InferCreationAttributes<MeterReadState>> {
  declare meterId: number;
  declare companyId: number;
  declare lastReadingId: number;
  declare lastValue: string;
  declare lastReadOn: string;
  declare lastReadAt: Date | null;
  declare lastKind: ReadingKind;
  declare actualPeriods: number;
  declare actualDays: number;
  declare actualVolume: string;
  declare consecutiveEstimates: number;
  declare updatedAt: Date;

  static initialize(sequelize: Sequelize): void {
    MeterReadState.init(
      {
        meterId: { type: DataTypes.INTEGER, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        lastReadingId: { type: DataTypes.INTEGER, allowNull: false },
        lastValue: decimalColumn('lastValue', 14, 3, false),
        lastReadOn: { type: DataTypes.DATEONLY, allowNull: false },
        lastReadAt: { type: DataTypes.DATE(3), allowNull: true },
        lastKind: { type: DataTypes.STRING(16), allowNull: false },
        actualPeriods: { type: DataTypes.INTEGER, allowNull: false },
        actualDays: { type: DataTypes.INTEGER, allowNull: false },
        actualVolume: decimalColumn('actualVolume', 14, 3, false),
        consecutiveEstimates: { type: DataTypes.INTEGER, allowNull: false },
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'meter_read_states', createdAt: false },
    );
  }
}
