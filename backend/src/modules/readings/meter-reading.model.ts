import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { decimalColumn } from '../../db/columns.ts';

/**
 * A register value of a meter on a date. The registry records the readings of a meter's life
 * (install, removal, transfer, close); the readings module adds regular reads, validation and
 * estimation on the same table.
 */
export class MeterReading extends Model<InferAttributes<MeterReading>, InferCreationAttributes<MeterReading>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare meterId: number;
  declare accountId: number | null;
  /** m³, three decimals, as a string. */
  declare value: string;
  declare readOn: string;
  declare reason: string;
  declare source: string;
  declare userId: number | null;
  declare createdAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    MeterReading.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        meterId: { type: DataTypes.INTEGER, allowNull: false },
        accountId: { type: DataTypes.INTEGER, allowNull: true },
        value: decimalColumn('value', 14, 3, false),
        readOn: { type: DataTypes.DATEONLY, allowNull: false },
        reason: { type: DataTypes.STRING(16), allowNull: false },
        source: { type: DataTypes.STRING(16), allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'meter_readings', updatedAt: false },
    );
  }
}
