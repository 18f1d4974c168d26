import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ImportKind } from '../import.enums';

export const MAX_ROWS = 20_000;
export const MAX_CHUNK = 500;

@InputType({ description: 'Starts an import of one spreadsheet into your province.' })
export class CreateImportBatchInput {
  @Field(() => ImportKind, { description: 'What the file holds.' })
  @IsIn(Object.values(ImportKind), { message: 'kind is not an import kind' })
  kind: ImportKind;

  @Field({ description: 'Name of the file (for the record), 1 to 255 characters.' })
  @Length(1, 255, { message: 'fileName must be 1 to 255 characters' })
  fileName: string;

  @Field(() => Int, { description: `Number of data rows the file has, 1 to ${MAX_ROWS}; the batch can be committed once that many rows have arrived.` })
  @IsInt({ message: 'totalRows must be a whole number' })
  @Min(1, { message: 'the file has no data rows' })
  @Max(MAX_ROWS, { message: `a file may have at most ${MAX_ROWS} rows` })
  totalRows: number;
}

@InputType({ description: 'A cell of a row: the column key and the value as text.' })
export class ImportCellInput {
  @Field({ description: 'Column key from the template.' })
  @Length(1, 60)
  key: string;

  @Field({ description: 'Value as text (dates as dd/mm/yyyy or yyyy-mm-dd); empty for a blank cell.' })
  @MaxLength(20_000, { message: 'a cell may hold at most 20000 characters' })
  value: string;
}

@InputType({ description: 'A data row of the file.' })
export class ImportRowInput {
  @Field(() => Int, { description: 'Row number in the file (data starts at 2, under the header).' })
  @IsInt()
  @Min(2, { message: 'rowNumber must be 2 or more (row 1 is the header)' })
  @Max(MAX_ROWS + 1)
  rowNumber: number;

  @Field(() => [ImportCellInput], { description: 'The cells, keyed by column.' })
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => ImportCellInput)
  cells: ImportCellInput[];
}

@InputType({ description: `A chunk of rows (up to ${MAX_CHUNK}) for an open batch; each is checked and stored with its problems.` })
export class AddImportRowsInput {
  @Field(() => ID, { description: 'The batch.' })
  @IsUUID('all', { message: 'batchId must be an id returned by this API' })
  batchId: string;

  @Field(() => [ImportRowInput], { description: 'The rows; a row number sent again replaces the earlier one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CHUNK, { message: `send at most ${MAX_CHUNK} rows at a time` })
  @ValidateNested({ each: true })
  @Type(() => ImportRowInput)
  rows: ImportRowInput[];
}
