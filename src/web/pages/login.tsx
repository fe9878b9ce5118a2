import type { FC } from 'hono/jsx';
import { describe, Layout, Notice, type PageCtx } from '../layout.js';

/** The sign-in form: an API token in, a session cookie out. */
export const LoginPage: FC<{
  ctx: PageCtx;
  next?: string | undefined;
  failed?: boolean;
  signedOut?: boolean;
}> = ({ ctx, next, failed, signedOut }) => {
  const { t } = ctx;
  const field = describe('token', true, failed ? t.login.failed : undefined);
  const notice = failed ? (
    <Notice kind="error">
      <p>{t.login.failed}</p>
    </Notice>
  ) : signedOut ? (
    <Notice>
      <p>{t.login.signedOut}</p>
    </Notice>
  ) : next ? (
    <Notice>
      <p>{t.login.needSignIn}</p>
    </Notice>
  ) : undefined;
  return (
    <Layout ctx={ctx} title={t.login.title} notice={notice}>
      <p>{t.login.intro}</p>
      <form method="post" action="/logg-inn">
        {next ? <input type="hidden" name="neste" value={next} /> : null}
        <label for="token">{t.login.token}</label>
        <p class="hint" id="token-hint">
          {t.login.tokenHint}
        </p>
        {field.error}
        <input
          type="password"
          id="token"
          name="token"
          required
          autocomplete="off"
          spellcheck={false}
          autofocus
          {...field.attrs}
        />
        <button type="submit">{t.login.submit}</button>
      </form>
    </Layout>
  );
};
