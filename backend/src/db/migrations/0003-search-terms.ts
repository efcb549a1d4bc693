import { DataTypes } from 'sequelize';
import type { Migration } from '../migrator.ts';
import { TABLE_OPTIONS } from '../database.ts';

const key = (type: DataTypes.DataType) => ({ type, allowNull: false, primaryKey: true });

/**
 * The term table behind name and address fragments (see `modules/search/search-terms.ts`). The
 * primary key is the only index: InnoDB clusters rows by it, so the rows of one term in one company
 * are one range read, and a second term is checked by primary-key lookups. There is no foreign key
 * either, because InnoDB would add an index on `company_id` to serve it.
 */
export const searchTerms: Migration = {
  name: '0003-search-terms',
  async up({ context: qi }) {
    await qi.createTable(
      'search_terms',
      {
        kind: key(DataTypes.STRING(8)),
        // Binary: terms are compacted before they are stored, and a case- or width-folding collation would make two of them collide.
        term: key(DataTypes.STRING(8).BINARY),
        company_id: key(DataTypes.INTEGER),
        // The customer (kind `name`) or the premise (kind `address`) the term was cut from.
        ref_id: key(DataTypes.INTEGER),
      },
      TABLE_OPTIONS,
    );
  },
  async down({ context: qi }) {
    await qi.dropTable('search_terms');
  },
};
