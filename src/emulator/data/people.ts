// Pools for invented employees. The names are common given names and surnames mixed at
// random, so no generated person is a real one; departments and offices shape groups.

export const FIRST_NAMES: readonly string[] = [
  'Aaliyah', 'Aaron', 'Abigail', 'Adam', 'Adrian', 'Aisha', 'Alan', 'Alejandro', 'Alex', 'Alice',
  'Amara', 'Amelia', 'Amir', 'Ana', 'Andre', 'Andrea', 'Angela', 'Anika', 'Anna', 'Anthony',
  'Arjun', 'Astrid', 'Ava', 'Beatriz', 'Ben', 'Bianca', 'Brandon', 'Bruno', 'Caleb', 'Camila',
  'Carlos', 'Carmen', 'Caroline', 'Chen', 'Chloe', 'Chris', 'Claire', 'Daniel', 'Daria', 'David',
  'Deepa', 'Diana', 'Diego', 'Dmitri', 'Elena', 'Eli', 'Elif', 'Elijah', 'Emma', 'Eric',
  'Esther', 'Ethan', 'Fatima', 'Felix', 'Fernando', 'Fiona', 'Gabriel', 'Grace', 'Hana', 'Hannah',
  'Hassan', 'Helena', 'Henry', 'Hiroshi', 'Ian', 'Ines', 'Isabel', 'Ivan', 'Jack', 'Jamal',
  'James', 'Jana', 'Jasmine', 'Javier', 'Jin', 'Joanna', 'Jonas', 'Jordan', 'Jose', 'Julia',
  'Kai', 'Karen', 'Karim', 'Katarzyna', 'Kenji', 'Kevin', 'Kofi', 'Laila', 'Lars', 'Laura',
  'Leila', 'Leo', 'Liam', 'Lina', 'Lucas', 'Lucia', 'Maya', 'Mateo', 'Matthew', 'Mei',
  'Mia', 'Michael', 'Miguel', 'Mila', 'Mohammed', 'Nadia', 'Naomi', 'Nathan', 'Nia', 'Nikhil',
  'Nina', 'Noah', 'Nora', 'Olga', 'Oliver', 'Olivia', 'Omar', 'Oscar', 'Paula', 'Pedro',
  'Priya', 'Rafael', 'Rahul', 'Rania', 'Raj', 'Rebecca', 'Ricardo', 'Rosa', 'Ryan', 'Sakura',
  'Samuel', 'Sara', 'Sebastian', 'Sofia', 'Sophie', 'Stefan', 'Sven', 'Tariq', 'Thomas', 'Tomas',
  'Valentina', 'Victor', 'Wei', 'William', 'Xin', 'Yara', 'Yusuf', 'Zara', 'Zoe', 'Zoltan',
];

export const LAST_NAMES: readonly string[] = [
  'Abbott', 'Adeyemi', 'Ahmed', 'Alvarez', 'Andersen', 'Arora', 'Bailey', 'Baker', 'Banerjee', 'Becker',
  'Bennett', 'Berg', 'Bianchi', 'Brooks', 'Campbell', 'Carter', 'Castillo', 'Chang', 'Chavez', 'Clarke',
  'Collins', 'Costa', 'Cruz', 'Dahl', 'Das', 'Davies', 'Diaz', 'Dubois', 'Duncan', 'Edwards',
  'Ekström', 'Evans', 'Fernandes', 'Fischer', 'Fleming', 'Fontaine', 'Foster', 'Fujita', 'Garcia', 'Gomez',
  'Grant', 'Gray', 'Greene', 'Gupta', 'Haddad', 'Hahn', 'Hansen', 'Harper', 'Hayes', 'Herrera',
  'Hoffmann', 'Holm', 'Hughes', 'Ibrahim', 'Ito', 'Iyer', 'Jansen', 'Jensen', 'Jimenez', 'Johansson',
  'Kaur', 'Kelly', 'Khan', 'Kim', 'Klein', 'Kowalski', 'Kumar', 'Larsen', 'Laurent', 'Lee',
  'Lehmann', 'Lindqvist', 'Lopez', 'Lund', 'Marsh', 'Martin', 'Medina', 'Mehta', 'Meyer', 'Mills',
  'Mitchell', 'Molina', 'Moreau', 'Morris', 'Müller', 'Murphy', 'Nakamura', 'Nguyen', 'Nielsen', 'Novak',
  'Nowak', 'Okafor', 'Olsen', 'Ortiz', 'Owens', 'Park', 'Patel', 'Pereira', 'Perez', 'Petrov',
  'Phillips', 'Quinn', 'Rahman', 'Ramos', 'Reddy', 'Reyes', 'Richter', 'Rivera', 'Roberts', 'Romero',
  'Rossi', 'Russo', 'Saito', 'Santos', 'Sato', 'Schmidt', 'Schneider', 'Shah', 'Silva', 'Singh',
  'Sokolov', 'Sousa', 'Stewart', 'Suzuki', 'Tanaka', 'Taylor', 'Thompson', 'Torres', 'Tran', 'Turner',
  'Vargas', 'Vasquez', 'Verma', 'Wagner', 'Walsh', 'Wang', 'Watanabe', 'Weber', 'Wong', 'Wright',
  'Yamamoto', 'Yang', 'Yilmaz', 'Young', 'Zhang', 'Zhou', 'Zimmermann', 'Zielinski', 'Ziegler', 'Zubiri',
];

/** Departments with their share of staff and a typical job title. */
export const DEPARTMENTS: readonly (readonly [name: string, weight: number, title: string])[] = [
  ['Sales', 22, 'Account Executive'],
  ['Engineering', 20, 'Software Engineer'],
  ['Operations', 12, 'Operations Specialist'],
  ['Field Service', 10, 'Field Technician'],
  ['Finance', 8, 'Financial Analyst'],
  ['Marketing', 8, 'Marketing Manager'],
  ['Customer Support', 8, 'Support Specialist'],
  ['Human Resources', 5, 'HR Business Partner'],
  ['IT', 5, 'Systems Administrator'],
  ['Executive', 2, 'Vice President'],
];

export const OFFICES: readonly (readonly [city: string, country: string, weight: number])[] = [
  ['Redmond', 'US', 30],
  ['New York', 'US', 14],
  ['Chicago', 'US', 8],
  ['London', 'GB', 14],
  ['Munich', 'DE', 9],
  ['Paris', 'FR', 7],
  ['Stockholm', 'SE', 5],
  ['Sydney', 'AU', 6],
  ['Singapore', 'SG', 7],
];

/** Turns "Müller" or "Ekström" into the ASCII an administrator would put in a UPN. */
export function asciiAlias(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
