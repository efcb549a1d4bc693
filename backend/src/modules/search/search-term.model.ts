import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { TermKind } from './search-terms.ts';

/** One term of a name or an address, pointing at the customer or premise it was cut from. */
export class SearchTerm extends Model<InferAttributes<SearchTerm>, InferCreationAttributes<SearchTerm>> {
  declare kind: TermKind;
  declare term: string;
  declare companyId: number;
  /** A customer id for kind `name`, a premise id for kind `address`. */
  declare refId: number;

  static initialize(sequelize: Sequelize): void {
    SearchTerm.init(
      {
        kind: { type: DataTypes.STRING(8), primaryKey: true },
        term: { type: DataTypes.STRING(8).BINARY, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, primaryKey: true },
        refId: { type: DataTypes.INTEGER, primaryKey: true },
      },
      { sequelize, tableName: 'search_terms', timestamps: false },
    );
  }
}
