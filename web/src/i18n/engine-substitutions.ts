/**
 * The documented substitutions of data/taxonomy/substitutions.json, described in bokmål, by id.
 * The engine quotes a substitution's English description in its reasons and route details
 * (`documented substitution <id>: <description> (factor …)`); the phrasebook (engine-text.ts)
 * puts this text in its place. A substitution missing here stays in English, marked so; a unit
 * test checks that every shipped substitution has its entry.
 */
export const SUBSTITUTIONS_NB: Readonly<Record<string, string>> = {
  'fgd-gypsum-for-natural-gypsum':
    'Avsvovlingsgips (FGD-gips) er kalsiumsulfat-dihydrat med samme kjemi som naturgips og erstatter den i produksjon av gipsplater og puss, etter tørking og ved behov vasking for klorider.',
  'fgd-gypsum-as-cement-set-retarder':
    'Avsvovlingsgips erstatter naturgips som det størkningsregulerende kalsiumsulfatet som males sammen med klinkeren.',
  'plasterboard-waste-for-gypsum':
    'Rent kapp av gipsplater og gips fra riving, skilt fra papir og forurensninger, går tilbake som resirkulert gips i nye gipsplater (gips-til-gips-gjenvinning).',
  'fly-ash-as-cement-constituent':
    'Silikatisk og kalkholdig flyveaske er hovedbestanddeler i vanlige sementer (CEM II/A-V, II/B-V, IV) og et alternativt råstoff i ovnsmelet, i stedet for klinker eller leire.',
  'slag-as-cement-constituent':
    'Granulert masovnsslagg er en hovedbestanddel i CEM II/III-sementer, og masovnsslagg og stålslagg brukes som alternative råstoffer i ovnsmelet.',
  'silica-fume-as-pozzolan':
    'Silikastøv (mikrosilika) fra silisium- og ferrosilisiumovner er en svært reaktiv pozzolan, brukt som tilsetning i betong (typisk 5–10 % av sementmassen) og som hovedbestanddel D i CEM II/A-D.',
  'ferroalloy-slag-as-aggregate':
    'Knust silikomanganslagg oppfyller de geometriske, mekaniske og utlekkingsmessige kravene til tilslag i betong; anbefalt som delvis erstatning eller i ikke-bærende betong.',
  'ferroalloy-slag-as-cementitious-material':
    'Malt silikomanganslagg er pozzolansk: mørtel der 20 % av sementen er erstattet, når omtrent samme fasthet som mørtel av portlandsement etter 90 døgn.',
  'concrete-rubble-to-aggregate':
    'Knust betong og murverk erstatter nytt tilslag, mest i forsterkningslag og fyllmasser for vei og, med kvalitetskontroll, i ny betong.',
  'bottom-ash-to-aggregate':
    'Bunnaske fra avfallsforbrenning brukes, etter utsortering av metaller og modning, som sekundært tilslag i veibygging der nasjonale grenser for utlekking tillater det.',
  'foundry-sand-as-fill':
    'Brukt støperisand erstatter ny sand i fyllinger, konstruktive fyllmasser og flytende fyllmasser.',
  'spent-potlining-in-cement-kilns':
    'Brukt katodeforing (SPL) leveres til sementfabrikker, som bruker karbonet som brensel og fluoridet og natriumet som mineralisator; den farlige første fraksjonen krever en ovn med tillatelse eller forbehandling.',
  'rdf-as-kiln-fuel':
    'Fast gjenvunnet brensel, bildekk og andre brennbare avfallsfraksjoner erstatter kull og petrolkoks i sementovner.',
  'food-residues-to-biogas':
    'Matavfall, rester fra næringsmiddelindustrien og slam fra avløpet deres er typisk råstoff for anaerob utråtning, som gir biogass og biorest til gjødsel.',
  'spent-grain-to-biogas':
    'Mask fra bryggerier og bærme fra destillerier er råtnbart råstoff der det ikke finnes avsetning som fôr.',
  'animal-by-products-to-biogas':
    'Animalske biprodukter i kategori 2 og 3, også rester fra fiskeforedling og død oppdrettsfisk, kan omdannes til biogass etter påkrevd behandling og hygienisering.',
  'sewage-sludge-to-biogas': 'Avløpsslam råtnes alene eller sammen med matavfall for å produsere biogass.',
  'manure-to-biogas':
    'Husdyrgjødsel og blautgjødsel (og fiskeslam fra resirkulerende akvakultur) er råstoff for samråtning; utråtningen senker også metanutslippene fra gjødsellagring.',
  'digestate-as-fertiliser':
    'Biorest som oppfyller produktreglene, er en komponent i EU-gjødselprodukter og erstatter mineralgjødsel med N, P og K.',
  'sewage-sludge-to-agriculture':
    'Behandlet avløpsslam kan brukes i landbruket innenfor grenseverdier for tungmetaller, med behandling og med begrensninger på hvilke vekster det brukes til.',
  'wood-residues-to-solid-biofuel':
    'Sagflis, høvelflis, flis og bark fra trebearbeiding er vanlig fast biobrensel og råstoff for pellets.',
  'waste-wood-to-solid-biofuel':
    'Kjemisk ubehandlet returtre er fast biobrensel; behandlet eller impregnert trevirke er utelukket og må til avfallsforbrenning.',
  'animal-by-products-to-feed':
    'Fiske- og animalske biprodukter i kategori 3 fra foredlingsanlegg (avfallslistens underkapittel 02 02: hoder, skrog, avskjær) kan foredles til fôrmidler som fiskemel, fiskeolje og ensilasje. Selvdøde dyr og død oppdrettsfisk (02 01 02, kategori 2) er utelukket fra fôr.',
  'spent-grain-to-feed': 'Mask fra bryggerier er rik på protein og fiber og brukes mest som storfefôr.',
  'molasses-as-feed':
    'Rør- og betemelasse er fôrmidler i EUs fôrmiddelkatalog og gis som energikilde og bindemiddel i kraftfôr og i flytende fôr til drøvtyggere.',
  'molasses-to-ethanol':
    'Melasse gjæres til etanol (som til gjær og sitronsyre), og vinasse blir igjen; et vanlig sukkerråstoff for destillerier.',
  'stillage-and-vinasse-to-feed':
    'Destillatkorn med løselige stoffer og vinasse (kondensert melasseløsning) er fôrmidler i EUs fôrmiddelkatalog; vinasse begrenses i fôrrasjonen av kaliuminnholdet.',
  'vinasse-as-fertiliser':
    'Vinasse og destillatkorn er biprodukter fra næringsmiddelindustrien som er tillatt som komponent i EU-gjødselprodukter; vinasse er mest en kaliumgjødsel.',
  'stillage-and-vinasse-to-biogas':
    'Tynn drank og vinasse er lett nedbrytbare flytende substrater; utråtningen fører kaliumet og nitrogenet deres tilbake i bioresten.',
  'fermentation-biomass-to-biogas':
    'Inaktivert gjær- og bakteriebiomasse fra gjæring av insulin og enzymer utråtnes til biogass i industriell skala.',
  'fermentation-biomass-as-fertiliser':
    'Varmeinaktivert gjæringsbiomasse fra produksjon av enzymer og insulin har lenge blitt spredt på jordbruksarealer som nitrogen- og fosforgjødsel, nå mest etter utråtning.',
  'recovered-nutrient-salts-as-fertiliser':
    'Ammonium- og sulfatsalter med minst 95 % renhet (tørrstoff), gjenvunnet fra rensing av avgasser eller fra produksjonsprosesser, er en komponent i EU-gjødselprodukter og erstatter mineralsk nitrogen- og svovelgjødsel.',
  'fibrous-residues-to-solid-biofuel':
    'Bagasse, skall og halm er brensel av urteaktig biomasse og fruktbiomasse som fyres i kjeler; sukkerfabrikker fyrer med sin egen bagasse.',
  'fibrous-residues-to-advanced-biofuel':
    'Bagasse, skall, nøtteskall, maiskolber og halm er råstoff for avansert biodrivstoff etter forbehandling av lignocellulosen.',
  'animal-fat-to-biodiesel':
    'Smeltet animalsk fett, også fra kategori 1 og 2, er råstoff for biodiesel og HVO; de rå biproduktene må først smeltes i et godkjent anlegg.',
  'liquid-biofuels-as-fuel':
    'Bioetanol, biodiesel, HVO og pyrolyseolje fyres som flytende biobrensel i kjeler og ovner i stedet for fyringsolje.',
};
