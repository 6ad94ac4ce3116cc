-- The pilot zone the platform serves (mission.md §3, §5): configuration, parks and targets.

CREATE TABLE zones (
  code            text PRIMARY KEY,
  name_zh         text NOT NULL,
  name_en         text NOT NULL,
  customs_office_codes text[] NOT NULL,           -- JGS/T 18 offices that clear the zone's parcels
  is_default      boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX zones_single_default ON zones (is_default) WHERE is_default;

CREATE TABLE parks (
  zone_code       text NOT NULL REFERENCES zones (code),
  code            text NOT NULL,
  name_zh         text NOT NULL,
  name_en         text,
  district_zh     text,
  designation     text NOT NULL DEFAULT 'none' CHECK (designation IN ('none', 'city', 'provincial', 'national')),
  PRIMARY KEY (zone_code, code)
);

CREATE TABLE zone_targets (
  zone_code       text NOT NULL REFERENCES zones (code),
  code            text NOT NULL,
  name_zh         text NOT NULL,
  name_en         text NOT NULL,
  target_value    numeric(20, 2) NOT NULL,
  unit            text NOT NULL,
  due_date        date NOT NULL,
  source          text NOT NULL,
  PRIMARY KEY (zone_code, code)
);

ALTER TABLE organisations ADD FOREIGN KEY (zone_code) REFERENCES zones (code);
ALTER TABLE organisations ADD FOREIGN KEY (zone_code, park_code) REFERENCES parks (zone_code, code);
