import type { FC } from 'hono/jsx';
import type { ProfileView } from '../../profiles/service.js';
import type { Profile } from '../../profiles/schema.js';
import {
  byName,
  countryName,
  formatInteger,
  languageName,
  programmeName,
  themeLabel,
  type Dict,
} from '../i18n.js';
import { Csrf, describe, Layout, Notice, type PageCtx } from '../layout.js';

const list = (xs: string[] | undefined, name: (x: string) => string, none: string) =>
  xs?.length ? xs.map(name).join(', ') : none;

/** A profile as the caller may see it (contact only where the policy allows). */
export const ProfilePage: FC<{ ctx: PageCtx; p: ProfileView; editable: boolean; saved?: boolean }> = ({
  ctx,
  p,
  editable,
  saved,
}) => {
  const { t, lang, catalogue } = ctx;
  const languages = p.languages?.length ? p.languages : p.derived.languages;
  const themes = p.themes?.length ? p.themes : p.derived.themes;
  return (
    <Layout
      ctx={ctx}
      title={p.name}
      notice={
        saved ? (
          <Notice>
            <p>{t.profile.saved}</p>
          </Notice>
        ) : undefined
      }
    >
      {p.illustrative ? <p class="hint">{t.profile.illustrative}</p> : null}
      {editable ? (
        <p>
          <a class="button secondary" href={`/profilar/${encodeURIComponent(p.id)}/rediger`}>
            {t.profile.edit}
          </a>
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t.profile.kind}</dt>
        <dd>{t.profile.kinds[p.kind]}</dd>
        <dt>{t.profile.role}</dt>
        <dd>{t.profile.roles[p.role]}</dd>
        <dt>{t.profile.country}</dt>
        <dd>{countryName(p.country, lang)}</dd>
        {p.region ? (
          <>
            <dt>{t.profile.region}</dt>
            <dd>{p.region}</dd>
          </>
        ) : null}
        {p.population !== undefined ? (
          <>
            <dt>{t.profile.population}</dt>
            <dd>{formatInteger(p.population, lang)}</dd>
          </>
        ) : null}
        <dt>{t.profile.languages}</dt>
        <dd>{list(languages, (l) => languageName(l, lang), t.none)}</dd>
        <dt>{t.profile.programmes}</dt>
        <dd>{list(p.programmes, (c) => programmeName(catalogue, c, lang), t.none)}</dd>
        <dt>{t.profile.themes}</dt>
        <dd>
          {list(themes, (c) => themeLabel(catalogue, c, lang), t.none)}
          {p.derived.themesInferred && themes.length ? ` ${t.profile.themesInferred}` : ''}
        </dd>
      </dl>
      <h2>{t.profile.description}</h2>
      <p class="prose">{p.description}</p>
      {p.needs ? (
        <>
          <h2>{t.profile.needs}</h2>
          <p class="prose">{p.needs}</p>
        </>
      ) : null}
      {p.offers ? (
        <>
          <h2>{t.profile.offers}</h2>
          <p class="prose">{p.offers}</p>
        </>
      ) : null}
      <h2>{t.profile.contact}</h2>
      {p.contact ? (
        <dl class="facts">
          {p.contact.name ? (
            <>
              <dt>{t.profile.contactName}</dt>
              <dd>{p.contact.name}</dd>
            </>
          ) : null}
          {p.contact.email ? (
            <>
              <dt>{t.profile.email}</dt>
              <dd>
                <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
              </dd>
            </>
          ) : null}
          {p.contact.url ? (
            <>
              <dt>{t.profile.url}</dt>
              <dd>
                <a href={p.contact.url} rel="noopener noreferrer">
                  {p.contact.url}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>{t.profile.contactHidden}</p>
      )}
    </Layout>
  );
};

/** What the editor form holds (text as typed, so a rejected value is shown back unchanged). */
export interface ProfileFormValues {
  name: string;
  region: string;
  description: string;
  needs: string;
  offers: string;
  languages: string;
  programmes: string[];
  themes: string[];
}

/** The editor's starting values from a stored profile document. */
export function formValues(doc: Profile): ProfileFormValues {
  return {
    name: doc.name,
    region: doc.region ?? '',
    description: doc.description,
    needs: doc.needs ?? '',
    offers: doc.offers ?? '',
    languages: (doc.languages ?? []).join(', '),
    programmes: doc.programmes ?? [],
    themes: doc.themes ?? [],
  };
}

const TextField: FC<{
  id: keyof ProfileFormValues;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  area?: boolean;
  required?: boolean;
}> = ({ id, label, value, error, hint, area, required }) => {
  const d = describe(id, Boolean(hint), error);
  return (
    <>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {d.error}
      {area ? (
        <textarea id={id} name={id} rows={6} required={required} {...d.attrs}>
          {value}
        </textarea>
      ) : (
        <input type="text" id={id} name={id} value={value} required={required} {...d.attrs} />
      )}
    </>
  );
};

/** The editor for a municipality's own profile; errors sit next to their fields. */
export const ProfileEditPage: FC<{
  ctx: PageCtx;
  id: string;
  title: string;
  values: ProfileFormValues;
  errors?: Record<string, string>;
}> = ({ ctx, id, title, values, errors = {} }) => {
  const { t, lang, catalogue } = ctx;
  const has = Object.keys(errors).length > 0;
  const fieldLabel = (t2: Dict, f: string) =>
    (
      ({
        name: t2.profile.name,
        region: t2.profile.region,
        description: t2.profile.description,
        needs: t2.profile.needs,
        offers: t2.profile.offers,
        languages: t2.profile.languages,
        programmes: t2.profile.programmes,
        themes: t2.profile.themes,
      }) as Record<string, string>
    )[f] ?? f;
  const programmes = describe('programmes', false, errors.programmes);
  const themes = describe('themes', true, errors.themes);
  return (
    <Layout
      ctx={ctx}
      title={t.profile.editTitle(title)}
      notice={
        has ? (
          <Notice kind="error">
            <p>{t.profile.fixErrors}</p>
            <ul>
              {Object.entries(errors).map(([f, m]) => (
                <li>
                  <a
                    href={`#${['name', 'region', 'description', 'needs', 'offers', 'languages'].includes(f) ? f : `${f}-set`}`}
                  >
                    {fieldLabel(t, f)}: {m}
                  </a>
                </li>
              ))}
            </ul>
          </Notice>
        ) : undefined
      }
    >
      <p>
        <a href={`/profilar/${encodeURIComponent(id)}`}>{t.profile.back}</a>
      </p>
      <form method="post" action={`/profilar/${encodeURIComponent(id)}/rediger`}>
        <Csrf ctx={ctx} />
        <TextField id="name" label={t.profile.name} value={values.name} error={errors.name} required />
        <TextField id="region" label={t.profile.region} value={values.region} error={errors.region} />
        <TextField
          id="description"
          label={t.profile.description}
          value={values.description}
          error={errors.description}
          area
          required
        />
        <TextField id="needs" label={t.profile.needs} value={values.needs} error={errors.needs} area />
        <TextField id="offers" label={t.profile.offers} value={values.offers} error={errors.offers} area />
        <TextField
          id="languages"
          label={t.profile.languages}
          value={values.languages}
          error={errors.languages}
          hint={t.profile.languagesHint}
        />
        <fieldset id="programmes-set" aria-describedby={programmes.describedBy}>
          <legend>{t.profile.programmes}</legend>
          {programmes.error}
          <div class="checks">
            {byName(catalogue.programmes, (p) => p.names[lang], lang).map((p) => (
              <label>
                <input
                  type="checkbox"
                  name="programmes"
                  value={p.code}
                  checked={values.programmes.includes(p.code)}
                />
                {p.names[lang]}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset id="themes-set" aria-describedby={themes.describedBy}>
          <legend>{t.profile.themes}</legend>
          <p class="hint" id="themes-hint">
            {t.profile.themesHint}
          </p>
          {themes.error}
          <div class="checks">
            {byName(catalogue.themes, (x) => x.labels[lang], lang).map((x) => (
              <label>
                <input
                  type="checkbox"
                  name="themes"
                  value={x.code}
                  checked={values.themes.includes(x.code)}
                />
                {themeLabel(catalogue, x.code, lang)}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit">{t.profile.save}</button>
      </form>
    </Layout>
  );
};
