// The pad_mm sample; the generator wiring lands with the source generator.
System.Console.WriteLine("pad_mm sample");
