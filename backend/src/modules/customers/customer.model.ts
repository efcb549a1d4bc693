import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';
import type { ContactChannel, CustomerStatus, CustomerType, IdType, Language, PhoneLabel } from '@gasdesk/schema';
import type { Account } from './account.model.ts';

export class Customer extends Model<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare customerNo: string;
  declare type: CustomerType;
  declare status: CustomerStatus;
  declare name: string;
  declare idType: IdType | null;
  /** Stored whole (needed for exact search and contracts); shown masked unless revealed. */
  declare idNumber: string | null;
  declare email: string | null;
  declare preferredLanguage: Language;
  declare preferredChannel: ContactChannel;
  declare note: string | null;
  declare phones?: NonAttribute<CustomerPhone[]>;
  declare accounts?: NonAttribute<Account[]>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    Customer.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        customerNo: { type: DataTypes.STRING(32), allowNull: false },
        type: { type: DataTypes.STRING(16), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        name: { type: DataTypes.STRING(128), allowNull: false },
        idType: { type: DataTypes.STRING(16), allowNull: true },
        idNumber: { type: DataTypes.STRING(32), allowNull: true },
        email: { type: DataTypes.STRING(128), allowNull: true },
        preferredLanguage: { type: DataTypes.STRING(8), allowNull: false },
        preferredChannel: { type: DataTypes.STRING(16), allowNull: false },
        note: { type: DataTypes.STRING(500), allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'customers' },
    );
  }
}

/** A phone of a customer, or of a contact person of theirs when `contactName` is set. */
export class CustomerPhone extends Model<InferAttributes<CustomerPhone>, InferCreationAttributes<CustomerPhone>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare customerId: number;
  declare label: PhoneLabel;
  /** E.164, the one form every lookup uses: `+8613812345678`. */
  declare e164: string;
  declare contactName: string | null;
  declare relation: string | null;
  declare position: number;
  declare customer?: NonAttribute<Customer>;

  static initialize(sequelize: Sequelize): void {
    CustomerPhone.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        customerId: { type: DataTypes.INTEGER, allowNull: false },
        label: { type: DataTypes.STRING(16), allowNull: false },
        e164: { type: DataTypes.STRING(20), allowNull: false },
        contactName: { type: DataTypes.STRING(64), allowNull: true },
        relation: { type: DataTypes.STRING(32), allowNull: true },
        position: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'customer_phones', timestamps: false },
    );
  }
}
