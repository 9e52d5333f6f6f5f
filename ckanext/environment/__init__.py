"""The ``environment`` plugin: environmental data of OEFA, SENACE and MINAM."""
