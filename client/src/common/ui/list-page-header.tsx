import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The "+ New …" link of a list page, shown only to those who may create. */
export interface CreateLink {
  to: string;
  label: string;
  testId: string;
}

/** A list page's title and introduction, with the create link on the right. */
export function ListPageHeader({ title, intro, create }: { title: string; intro: ReactNode; create?: CreateLink | null }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        <p className="page-intro">{intro}</p>
      </div>
      {create ? (
        <Link to={create.to} className="button button-primary" data-testid={create.testId}>
          <span aria-hidden="true">+ </span>
          {create.label}
        </Link>
      ) : null}
    </div>
  );
}
