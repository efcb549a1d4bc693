import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize, type Transaction } from 'sequelize';

/** Per-company counters for numbers people read: customer numbers, account numbers, later bill numbers. */
export class NumberSequence extends Model<InferAttributes<NumberSequence>, InferCreationAttributes<NumberSequence>> {
  declare companyId: number;
  declare name: string;
  declare nextValue: number;

  static initialize(sequelize: Sequelize): void {
    NumberSequence.init(
      {
        companyId: { type: DataTypes.INTEGER, primaryKey: true },
        name: { type: DataTypes.STRING(32), primaryKey: true },
        nextValue: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, tableName: 'number_sequences', timestamps: false },
    );
  }
}

/**
 * Takes the next value of a company's counter inside the caller's transaction, or the first of
 * `count` consecutive values (a bulk import). The row is locked until the transaction ends, so
 * numbers are never handed out twice and a rolled-back number is reused rather than lost.
 */
export async function takeNumber(companyId: number, name: string, transaction: Transaction, count = 1): Promise<number> {
  const value = await lockedNext(companyId, name, transaction);
  await NumberSequence.update({ nextValue: value + count }, { where: { companyId, name }, transaction });
  return value;
}

/**
 * Makes the counter continue after `value`, so that numbers brought in from elsewhere in the
 * counter's own format (an import) are never handed out a second time.
 */
export async function skipNumbersThrough(companyId: number, name: string, value: number, transaction: Transaction): Promise<void> {
  const next = await lockedNext(companyId, name, transaction);
  if (next <= value) await NumberSequence.update({ nextValue: value + 1 }, { where: { companyId, name }, transaction });
}

async function lockedNext(companyId: number, name: string, transaction: Transaction): Promise<number> {
  await NumberSequence.findOrCreate({ where: { companyId, name }, defaults: { companyId, name, nextValue: 1 }, transaction });
  const row = await NumberSequence.findOne({ where: { companyId, name }, transaction, lock: transaction.LOCK.UPDATE });
  return row!.nextValue;
}
