/**
 * Registering a company (POST /companies: the business then acts for it) and adding a site to it
 * (POST /companies/{id}/sites), its place picked on the map or typed as coordinates.
 */
import { useEffect, useState } from 'preact/hooks';
import { CompanyInputSchema } from '../../../../src/domain/company.ts';
import { SiteInputSchema } from '../../../../src/domain/site.ts';
import { type Api, dataOf, type Schemas } from '../../api/client.ts';
import { schemaProblems } from '../../forms/schema-check.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { NorwayMap } from '../../map/norway-map.tsx';
import { ErrorSummary, Field, problemsOf, useFormErrors } from './fields.tsx';
import { parseNumber } from './form-errors.ts';
import { type IndustryDivision, inLanguage, loadDivisions } from './taxonomy.ts';

type Company = Schemas['Company'];
type Site = Schemas['Site'];

export function CompanyForm({
  api,
  onSaved,
  onCancel,
}: {
  api: Api;
  onSaved: (company: Company) => void;
  onCancel?: () => void;
}) {
  const { t, language } = useI18n();
  const [name, setName] = useState('');
  const [orgNumber, setOrgNumber] = useState('');
  const [industry, setIndustry] = useState('');
  const [contactName, setContactName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [divisions, setDivisions] = useState<IndustryDivision[]>([]);
  useEffect(() => {
    loadDivisions(api).then(setDivisions, () => setDivisions([]));
  }, [api]);
  const errors = useFormErrors('company', [
    'name',
    'orgNumber',
    'industry',
    'contact',
    'contact.name',
    'contact.email',
    'contact.phone',
  ]);
  const labels = {
    name: t('business.company.name'),
    orgNumber: t('business.company.orgNumber'),
    industry: t('business.company.industry'),
    contact: t('business.company.contact'),
    'contact.name': t('business.company.contactName'),
    'contact.email': t('business.company.email'),
    'contact.phone': t('business.company.phone'),
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const contact = {
        ...(contactName.trim() ? { name: contactName } : {}),
        ...(email.trim() ? { email } : {}),
        ...(phone.trim() ? { phone } : {}),
      };
      const body: Schemas['CompanyInput'] = {
        name,
        country: 'NO',
        industry: industry.trim(),
        ...(orgNumber.trim() ? { orgNumber: orgNumber.replace(/\s/g, '') } : {}),
        ...(Object.keys(contact).length > 0 ? { contact } : {}),
      };
      // The API's own schema first: a bad field is named at once, in the API's words.
      const problems = schemaProblems(CompanyInputSchema, body);
      if (problems.length > 0) {
        errors.set(problems);
        return;
      }
      const company = dataOf(await api.POST('/companies', { body }));
      errors.clear();
      onSaved(company);
    } catch (error) {
      errors.set(problemsOf(error), error);
    } finally {
      setBusy(false);
    }
  };
  const text = (
    path: keyof typeof labels,
    value: string,
    set: (v: string) => void,
    extra = {},
    hint?: string,
  ) => (
    <Field errors={errors} path={path} label={labels[path]} hint={hint}>
      {(attrs) => (
        <input {...attrs} type="text" {...extra} value={value} onInput={(e) => set(e.currentTarget.value)} />
      )}
    </Field>
  );
  return (
    <form class="company-form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} labels={labels} />
      <div class="grid">
        {text('name', name, setName, { autocomplete: 'organization' })}
        {text(
          'orgNumber',
          orgNumber,
          setOrgNumber,
          { inputMode: 'numeric' },
          t('business.company.orgNumberHint'),
        )}
      </div>
      <Field
        errors={errors}
        path="industry"
        label={labels.industry}
        hint={t('business.company.industryHint')}
      >
        {(attrs) => (
          <>
            <input
              {...attrs}
              type="text"
              list="industry-divisions"
              value={industry}
              onInput={(e) => setIndustry(e.currentTarget.value)}
            />
            <datalist id="industry-divisions">
              {divisions.map((d) => (
                <option key={d.code} value={d.code}>
                  {inLanguage(language, d.title, d.titleNb)}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      <fieldset>
        <legend>{labels.contact}</legend>
        <div class="grid">
          {text('contact.name', contactName, setContactName, { autocomplete: 'name' })}
          {text('contact.email', email, setEmail, { type: 'email', autocomplete: 'email' })}
          {text('contact.phone', phone, setPhone, { type: 'tel', autocomplete: 'tel' })}
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('business.saving') : t('business.company.register')}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('business.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

export function SiteForm({
  api,
  companyId,
  onSaved,
  onCancel,
}: {
  api: Api;
  companyId: string;
  onSaved: (site: Site) => void;
  onCancel: () => void;
}) {
  const { t, number } = useI18n();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const errors = useFormErrors('site', ['name', 'address', 'municipality', 'lat', 'lon']);
  const labels = {
    name: t('business.site.name'),
    address: t('business.site.address'),
    municipality: t('business.site.municipality'),
    lat: t('business.site.lat'),
    lon: t('business.site.lon'),
  };
  const latN = parseNumber(lat);
  const lonN = parseNumber(lon);
  const hasPoint = latN !== undefined && lonN !== undefined && !Number.isNaN(latN) && !Number.isNaN(lonN);
  const submit = async (event: Event) => {
    event.preventDefault();
    const local = [
      ...(latN === undefined || Number.isNaN(latN)
        ? [{ path: 'lat', message: t('business.form.notANumber') }]
        : []),
      ...(lonN === undefined || Number.isNaN(lonN)
        ? [{ path: 'lon', message: t('business.form.notANumber') }]
        : []),
    ];
    if (local.length > 0) {
      errors.setLocal(local);
      return;
    }
    setBusy(true);
    try {
      const body: Schemas['SiteInput'] = {
        lat: latN!,
        lon: lonN!,
        ...(name.trim() ? { name } : {}),
        ...(address.trim() ? { address } : {}),
        ...(municipality.trim() ? { municipality } : {}),
      };
      const problems = schemaProblems(SiteInputSchema, body);
      if (problems.length > 0) {
        errors.set(problems);
        return;
      }
      const site = dataOf(
        await api.POST('/companies/{id}/sites', { params: { path: { id: companyId } }, body }),
      );
      errors.clear();
      onSaved(site);
    } catch (error) {
      errors.set(problemsOf(error), error);
    } finally {
      setBusy(false);
    }
  };
  const text = (path: keyof typeof labels, value: string, set: (v: string) => void, extra = {}) => (
    <Field errors={errors} path={path} label={labels[path]}>
      {(attrs) => (
        <input
          {...attrs}
          type="text"
          autocomplete="off"
          {...extra}
          value={value}
          onInput={(e) => set(e.currentTarget.value)}
        />
      )}
    </Field>
  );
  return (
    <form class="site-form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} labels={labels} />
      <div class="grid">
        {text('name', name, setName)}
        {text('address', address, setAddress, { autocomplete: 'street-address' })}
        {text('municipality', municipality, setMunicipality)}
      </div>
      <div class="site-place">
        <div>
          <p class="hint">{t('business.site.placeHint')}</p>
          <div class="grid">
            {text('lat', lat, setLat, { inputMode: 'decimal' })}
            {text('lon', lon, setLon, { inputMode: 'decimal' })}
          </div>
          <p class="status" role="status">
            {picked}
          </p>
        </div>
        <NorwayMap
          title={t('business.site.map')}
          description={
            hasPoint
              ? t('business.site.mapPicked', { lat: number(latN!, 4), lon: number(lonN!, 4) })
              : t('business.site.mapEmpty')
          }
          areas="counties"
          fitTo="country"
          legend={false}
          points={
            hasPoint ? [{ id: 'picked', lat: latN!, lon: lonN!, label: labels.name, tone: 'potential' }] : []
          }
          onPick={(place) => {
            setLat(String(round(place.lat)));
            setLon(String(round(place.lon)));
            setPicked(t('business.site.mapPicked', { lat: number(place.lat, 4), lon: number(place.lon, 4) }));
          }}
        />
      </div>
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('business.saving') : t('business.site.add')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('business.cancel')}
        </button>
      </div>
    </form>
  );
}
