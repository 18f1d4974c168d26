import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ImportBatchStatus, ImportKind } from './import.enums';

@ObjectType({ description: 'A column of an import template (cột của mẫu nhập).' })
export class ImportColumn {
  @Field({ description: 'Stable key of the column; rows are sent keyed by it.' })
  key: string;

  @Field({ description: 'Header as written in the template (Vietnamese), matched ignoring case and diacritics.' })
  header: string;

  @Field({ description: 'True when every row must fill this column.' })
  required: boolean;

  @Field({ description: 'The value of the template\'s example row.' })
  example: string;

  @Field({ description: 'What the column accepts (Vietnamese), e.g. the allowed values or the date format.' })
  hint: string;
}

@ObjectType({ description: 'The template of one import kind: its columns in order.' })
export class ImportTemplate {
  @Field(() => ImportKind, { description: 'What the template imports.' })
  kind: ImportKind;

  @Field(() => [ImportColumn], { description: 'Columns in template order.' })
  columns: ImportColumn[];
}

@ObjectType({ description: 'Why a row of an import cannot be written (lỗi của một dòng).' })
export class ImportProblem {
  @Field(() => String, { nullable: true, description: 'Key of the column at fault; null when the row as a whole is at fault.' })
  column: string | null;

  @Field({ description: 'Stable key of the rule broken (required, format, allowed, notFound, ambiguous, duplicateInFile, unique, …), for translation.' })
  constraint: string;

  @Field({ description: 'The problem in plain words (English).' })
  message: string;

  @Field(() => String, { nullable: true, description: 'A detail for the message: the value not found, the other row\'s number…' })
  detail: string | null;
}

@ObjectType({ description: 'One row of an import batch, with the result of its check.' })
export class ImportRow {
  @Field(() => Int, { description: 'Row number in the file (the header row is 1, so data starts at 2).' })
  rowNumber: number;

  @Field(() => [ImportCell], { description: 'The values as sent, by column.' })
  values: ImportCell[];

  @Field(() => [ImportProblem], { description: 'Problems found; empty when the row is valid.' })
  problems: ImportProblem[];

  @Field(() => ID, { nullable: true, description: 'The record the row created, once the batch is committed.' })
  createdId: string | null;
}

@ObjectType({ description: 'A cell of an import row.' })
export class ImportCell {
  @Field({ description: 'Column key.' })
  key: string;

  @Field({ description: 'Value as text.' })
  value: string;
}

@ObjectType({ description: 'A page of import rows.' })
export class ImportRowPage {
  @Field(() => [ImportRow], { description: 'The rows of this page, by row number.' })
  rows: ImportRow[];

  @Field(() => Int, { description: 'Rows matching the request in all pages.' })
  totalCount: number;
}

@ObjectType({ description: 'A spreadsheet being imported (lô nhập dữ liệu): its rows wait here, checked, until you confirm; then all are written in one transaction, or none.' })
export class ImportBatch {
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string;

  provinceId: number;

  @Field(() => ImportKind, { description: 'What the batch imports.' })
  kind: ImportKind;

  @Field({ description: 'Name of the uploaded file.' })
  fileName: string;

  @Field(() => ImportBatchStatus, { description: 'State of the batch.' })
  status: ImportBatchStatus;

  @Field(() => Int, { description: 'Data rows the file has (as announced when the batch was created).' })
  totalRows: number;

  @Field(() => Int, { description: 'Rows received and checked so far.' })
  receivedRows: number;

  @Field(() => Int, { description: 'Received rows without problems.' })
  validRows: number;

  @Field(() => Int, { description: 'Received rows with at least one problem.' })
  invalidRows: number;

  @Field({ description: 'True when every row has arrived and none has a problem: the batch can be committed.' })
  ready: boolean;

  @Field(() => DateTimeResolver, { description: 'When the batch was created.' })
  createdAt: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the rows were written.' })
  committedAt: Date | null;
}
