/**
 * The texts of My account (keys start with `account.`), the view every role opens from its name in
 * the header, and of the header's notice that the sign-in is about to expire; in English and
 * Norwegian bokmål, joined with the others in i18n/messages.ts. English defines the keys, so a
 * missing bokmål text is a type error.
 */
export const en = {
  'workspace.account': 'My account',

  // The header
  'account.expiry.notice': 'Your sign-in expires on {date}.',
  'account.expiry.renew': 'Renew it',

  // Who you are
  'account.title': 'My account',
  'account.intro':
    'Who you are signed in as, and the tokens that sign you in: renew this browser’s sign-in, make a token for another device or a script, and revoke those you no longer use.',
  'account.who.title': 'Who you are',
  'account.who.name': 'Name',
  'account.who.role': 'Role',
  'account.who.companies': 'Companies you act for',
  'account.who.noCompanies': 'None yet',
  'account.who.regions': 'Your regions',
  'account.who.allRegions': 'All of Norway',
  'account.who.expires': 'This browser’s sign-in expires',

  // Renewing this browser's sign-in
  'account.renew.title': 'Renew this browser’s sign-in',
  'account.renew.hint':
    'This browser gets a new token, valid for {days} days, and the one it uses now is revoked. There is nothing to copy.',
  'account.renew.submit': 'Renew this browser’s sign-in',
  'account.renew.done':
    'This browser’s sign-in is renewed: it is valid until {date}, and the old token is revoked.',
  'account.renew.oldKept':
    'This browser’s sign-in is renewed (valid until {date}), but the old token could not be revoked: revoke it in the table of your tokens.',

  // Your tokens
  'account.tokens.title': 'Your tokens',
  'account.tokens.caption': 'Your tokens, oldest first',
  'account.tokens.token': 'Token',
  'account.tokens.thisBrowser': 'This browser',
  'account.tokens.state': 'State',
  'account.tokens.created': 'Made',
  'account.tokens.createdBy': 'Made by',
  'account.tokens.expires': 'Expires',
  'account.tokens.revokedAt': 'Revoked',
  'account.tokens.act': 'Action',
  'account.tokens.inUse': 'In use here',
  'account.tokens.revoke': 'Revoke',
  'account.tokens.revokeOf': 'Revoke the token made {created} ({id})',
  'account.tokens.confirm':
    'Revoke the token made {created} ({id})? Whatever signs in with it, another device or a script, is signed out at once, and it cannot be used again.',
  'account.tokens.confirmYes': 'Yes, revoke the token',
  'account.tokens.revoked': 'The token made {created} is revoked.',

  // Signing out everywhere else
  'account.others.title': 'Sign out everywhere else',
  'account.others.hint':
    'Revokes every valid token but this browser’s: other devices and scripts signed in as you are signed out at once.',
  'account.others.none': 'No other token of yours is valid: you are signed in in this browser only.',
  'account.others.ask': 'Sign out everywhere else…',
  'account.others.confirm':
    'Revoke every other valid token ({count})? Every other device and script signed in as you is signed out at once.',
  'account.others.confirmYes': 'Yes, sign out everywhere else',
  'account.others.done': 'Signed out everywhere else. Tokens revoked: {count}.',

  // A token for another device or a script
  'account.device.title': 'Make a token for another device or a script',
  'account.device.hint':
    'It signs in as you, with your role, until it expires or you revoke it. It is shown once, here; this browser stays signed in as it is.',
  'account.device.days': 'Valid for (days)',
  'account.device.daysHint': 'From 1 to {max} days.',
  'account.device.submit': 'Make the token',
  'account.device.made': 'A token is made: copy it now.',
  'account.token.heading': 'Your new token',
  'account.token.warning':
    'Copy this token now and put it where the other device or script will use it. It is shown only this once: it is stored nowhere, and leaving this page forgets it.',
  'account.token.label': 'Token for another device or a script',
  'account.token.hide': 'I have copied it: hide the token',
  'account.token.hidden': 'The token is hidden; it cannot be shown again.',
} as const satisfies Record<string, string>;

export const nb: Record<keyof typeof en, string> = {
  'workspace.account': 'Min konto',

  'account.expiry.notice': 'Innloggingen din utløper {date}.',
  'account.expiry.renew': 'Forny den',

  'account.title': 'Min konto',
  'account.intro':
    'Hvem du er logget inn som, og tilgangsnøklene som logger deg inn: forny innloggingen i denne nettleseren, lag en nøkkel til en annen enhet eller et skript, og trekk tilbake dem du ikke lenger bruker.',
  'account.who.title': 'Hvem du er',
  'account.who.name': 'Navn',
  'account.who.role': 'Rolle',
  'account.who.companies': 'Bedrifter du handler for',
  'account.who.noCompanies': 'Ingen ennå',
  'account.who.regions': 'Regionene dine',
  'account.who.allRegions': 'Hele Norge',
  'account.who.expires': 'Innloggingen i denne nettleseren utløper',

  'account.renew.title': 'Forny innloggingen i denne nettleseren',
  'account.renew.hint':
    'Nettleseren får en ny tilgangsnøkkel som gjelder i {days} dager, og den den bruker nå, trekkes tilbake. Det er ingenting å kopiere.',
  'account.renew.submit': 'Forny innloggingen i denne nettleseren',
  'account.renew.done':
    'Innloggingen i denne nettleseren er fornyet: den gjelder til {date}, og den gamle nøkkelen er trukket tilbake.',
  'account.renew.oldKept':
    'Innloggingen i denne nettleseren er fornyet (gjelder til {date}), men den gamle nøkkelen kunne ikke trekkes tilbake: trekk den tilbake i tabellen over nøklene dine.',

  'account.tokens.title': 'Tilgangsnøklene dine',
  'account.tokens.caption': 'Tilgangsnøklene dine, eldste først',
  'account.tokens.token': 'Nøkkel',
  'account.tokens.thisBrowser': 'Denne nettleseren',
  'account.tokens.state': 'Status',
  'account.tokens.created': 'Laget',
  'account.tokens.createdBy': 'Laget av',
  'account.tokens.expires': 'Utløper',
  'account.tokens.revokedAt': 'Trukket tilbake',
  'account.tokens.act': 'Handling',
  'account.tokens.inUse': 'I bruk her',
  'account.tokens.revoke': 'Trekk tilbake',
  'account.tokens.revokeOf': 'Trekk tilbake nøkkelen laget {created} ({id})',
  'account.tokens.confirm':
    'Trekke tilbake nøkkelen laget {created} ({id})? Det som logger inn med den, en annen enhet eller et skript, logges ut med en gang, og nøkkelen kan ikke brukes igjen.',
  'account.tokens.confirmYes': 'Ja, trekk tilbake nøkkelen',
  'account.tokens.revoked': 'Nøkkelen laget {created} er trukket tilbake.',

  'account.others.title': 'Logg ut alle andre steder',
  'account.others.hint':
    'Trekker tilbake alle gyldige nøkler unntatt den denne nettleseren bruker: andre enheter og skript som er logget inn som deg, logges ut med en gang.',
  'account.others.none': 'Ingen annen nøkkel du har, er gyldig: du er bare logget inn i denne nettleseren.',
  'account.others.ask': 'Logg ut alle andre steder …',
  'account.others.confirm':
    'Trekke tilbake alle andre gyldige nøkler ({count})? Alle andre enheter og skript som er logget inn som deg, logges ut med en gang.',
  'account.others.confirmYes': 'Ja, logg ut alle andre steder',
  'account.others.done': 'Logget ut alle andre steder. Nøkler trukket tilbake: {count}.',

  'account.device.title': 'Lag en nøkkel til en annen enhet eller et skript',
  'account.device.hint':
    'Den logger inn som deg, med din rolle, til den utløper eller du trekker den tilbake. Den vises én gang, her; denne nettleseren forblir innlogget som før.',
  'account.device.days': 'Gjelder i (dager)',
  'account.device.daysHint': 'Fra 1 til {max} dager.',
  'account.device.submit': 'Lag nøkkelen',
  'account.device.made': 'En nøkkel er laget: kopier den nå.',
  'account.token.heading': 'Den nye nøkkelen din',
  'account.token.warning':
    'Kopier nøkkelen nå og legg den der den andre enheten eller skriptet skal bruke den. Den vises bare denne ene gangen: den lagres ingen steder, og går tapt når du forlater siden.',
  'account.token.label': 'Nøkkel til en annen enhet eller et skript',
  'account.token.hide': 'Jeg har kopiert den: skjul nøkkelen',
  'account.token.hidden': 'Nøkkelen er skjult; den kan ikke vises igjen.',
};
