import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { ReadingKind, ReadingProblemView, ReadingResolution, ReadingSource, ReadingStatus } from '@gasdesk/schema';
import { decimalColumn } from '../../db/columns.ts';

/**
 * A register value of a meter on a date: the registry's readings of a meter's life (install,
 * removal, transfer, close) and the regular reads of the reading cycles, remote head-ends and
 * customers, each with the outcome of its validation. Only `accepted` readings count: an
 * `exception` waits in the queue for a person, `rejected` and `superseded` ones are kept for the record.
 */
export class MeterReading extends Model<InferAttributes<MeterReading>, InferCreationAttributes<MeterReading>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare meterId: number;
  declare accountId: number | null;
  /** m³, three decimals, as a string. */
  declare value: string;
  declare readOn: string;
  /** When the register was read, where the source knows it (handhelds, head-ends). */
  declare readAt: CreationOptional<Date | null>;
  declare reason: string;
  declare source: ReadingSource | 'registry';
  declare kind: CreationOptional<ReadingKind>;
  declare status: CreationOptional<ReadingStatus>;
  declare taskId: CreationOptional<number | null>;
  /** m³ since the previous accepted reading of the meter, when there is one. */
  declare consumption: CreationOptional<string | null>;
  /** The volume corrector's standard total (20 °C, 101.325 kPa), beside the working register. */
  declare standardValue: CreationOptional<string | null>;
  declare rollover: CreationOptional<boolean>;
  declare problems: CreationOptional<ReadingProblemView[] | null>;
  declare note: CreationOptional<string | null>;
  declare resolution: CreationOptional<ReadingResolution | null>;
  declare resolvedBy: CreationOptional<number | null>;
  declare resolvedAt: CreationOptional<Date | null>;
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
        readAt: { type: DataTypes.DATE(3), allowNull: true },
        reason: { type: DataTypes.STRING(16), allowNull: false },
        source: { type: DataTypes.STRING(16), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'actual' },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'accepted' },
        taskId: { type: DataTypes.INTEGER, allowNull: true },
        consumption: decimalColumn('consumption', 14, 3, true),
        standardValue: decimalColumn('standardValue', 14, 3, true),
        rollover: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        problems: {
          type: DataTypes.TEXT,
          allowNull: true,
          get(this: MeterReading) {
            const raw = this.getDataValue('problems') as unknown as string | null;
            return raw ? (JSON.parse(raw) as ReadingProblemView[]) : null;
          },
          set(this: MeterReading, value: ReadingProblemView[] | null) {
            this.setDataValue('problems', (value && value.length > 0 ? JSON.stringify(value) : null) as unknown as ReadingProblemView[]);
          },
        },
        note: { type: DataTypes.STRING(200), allowNull: true },
        resolution: { type: DataTypes.STRING(16), allowNull: true },
        resolvedBy: { type: DataTypes.INTEGER, allowNull: true },
        resolvedAt: { type: DataTypes.DATE(3), allowNull: true },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'meter_readings', updatedAt: false },
    );
  }
}
