-- Reference data: HS nomenclature, customs code tables (JGS-20, JGS/T 18), and effective-dated tariff lines.

CREATE TABLE hs_sections (
  section         text PRIMARY KEY,               -- Roman numeral I … XXI
  name_en         text NOT NULL
);

CREATE TABLE hs_codes (
  code            text PRIMARY KEY CHECK (code ~ '^\d{2}(\d{2}){0,2}$'),
  level           smallint NOT NULL CHECK (level IN (2, 4, 6)),
  parent          text,                           -- NULL for chapters
  section         text NOT NULL REFERENCES hs_sections (section),
  description_en  text NOT NULL
);
CREATE INDEX hs_codes_parent_idx ON hs_codes (parent);

CREATE TABLE countries (                         -- JGS-20 国别(地区)代码
  code            text PRIMARY KEY,
  name_zh         text NOT NULL,
  name_en         text
);

CREATE TABLE currencies (                        -- JGS-20 币制代码
  code            text PRIMARY KEY,
  alpha_code      text,
  name_zh         text NOT NULL
);

CREATE TABLE units (                             -- JGS-20 计量单位代码
  code            text PRIMARY KEY,
  name_zh         text NOT NULL
);

CREATE TABLE customs_offices (                   -- JGS/T 18 关区代码
  code            text PRIMARY KEY,
  name_zh         text NOT NULL
);

-- 10-digit tariff lines with their tax rates. A line holds periods; [valid_from, valid_to) is half-open
-- and periods of one line never overlap (checked in packages/domain, serialised by a row lock on the line).
CREATE TABLE tariff_lines (
  hs_code         text PRIMARY KEY CHECK (hs_code ~ '^\d{10}$'),
  name_zh         text NOT NULL,
  name_en         text,
  legal_unit      text REFERENCES units (code),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tariff_rates (
  id              uuid PRIMARY KEY,
  hs_code         text NOT NULL REFERENCES tariff_lines (hs_code),
  valid_from      date NOT NULL,
  valid_to        date,
  vat_rate        numeric(6, 4) NOT NULL CHECK (vat_rate >= 0 AND vat_rate < 1),
  consumption_tax_rate numeric(6, 4) NOT NULL DEFAULT 0 CHECK (consumption_tax_rate >= 0 AND consumption_tax_rate < 1),
  duty_rate       numeric(6, 4) CHECK (duty_rate >= 0 AND duty_rate < 1),  -- MFN duty; NULL = not recorded
  source          text NOT NULL,                  -- the announcement that set the rate
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (hs_code, valid_from),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
