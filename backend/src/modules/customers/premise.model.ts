import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** 用气地址: a physical place gas is delivered to; accounts are opened at a premise. */
export class Premise extends Model<InferAttributes<Premise>, InferCreationAttributes<Premise>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare district: string;
  declare community: string;
  declare building: string;
  declare unit: string;
  declare room: string;
  declare addressExtra: string;
  /** Derived from the parts when saved; what bills print and search matches. */
  declare fullAddress: string;
  declare serviceArea: string;
  declare phoneE164: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    Premise.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        district: { type: DataTypes.STRING(32), allowNull: false },
        community: { type: DataTypes.STRING(64), allowNull: false },
        building: { type: DataTypes.STRING(16), allowNull: false },
        unit: { type: DataTypes.STRING(16), allowNull: false },
        room: { type: DataTypes.STRING(16), allowNull: false },
        addressExtra: { type: DataTypes.STRING(128), allowNull: false },
        fullAddress: { type: DataTypes.STRING(300), allowNull: false },
        serviceArea: { type: DataTypes.STRING(32), allowNull: false },
        phoneE164: { type: DataTypes.STRING(20), allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'premises' },
    );
  }
}

/** The address as one line, parts separated by spaces: 西湖区 翠苑一区 3幢 2单元 502室. */
export function fullAddressOf(p: Pick<Premise, 'district' | 'community' | 'building' | 'unit' | 'room' | 'addressExtra'>): string {
  return [p.district, p.community, p.building, p.unit, p.room, p.addressExtra].filter((s) => s !== '').join(' ');
}
